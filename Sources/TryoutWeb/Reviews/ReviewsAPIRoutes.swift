import Foundation
import TryoutCore

extension SiteURL {
    /// The rubric reviews API: a version's scorecards, a project's review settings, and the
    /// versions waiting for the token user's scorecard. Apart from the review pages' routes
    /// (`ReviewsRoutes.swift`), as the other features keep `api` cases beside their pages.
    enum ReviewsAPI: RoutePath {
        case reviews(Parameter<SubmissionID>)
        case settings(Parameter<ProjectID>)
        case queue

        var segments: [PathSegment] {
            switch self {
            case .reviews(let id): SiteURL.apiPrefix + [.constant("submissions"), .parameter("submissionID", id), .constant("reviews")]
            case .settings(let id): SiteURL.apiPrefix + [.constant("projects"), .parameter("projectID", id), .constant("review-settings")]
            case .queue: SiteURL.apiPrefix + [.constant("me"), .constant("reviews")]
            }
        }

        static var templates: [Self] { [.reviews(.key), .settings(.key), .queue] }
    }
}
