extension SiteURL {
    /// What operators and clients poll: health, metrics and the API's own description.
    enum Service: RoutePath, CaseIterable {
        case health
        case metrics
        case openAPI

        var segments: [PathSegment] {
            switch self {
            case .health: [.constant("healthz")]
            case .metrics: [.constant("metrics")]
            case .openAPI: SiteURL.apiPrefix + [.constant("openapi.json")]
            }
        }

        static var templates: [Self] { allCases }
    }
}
