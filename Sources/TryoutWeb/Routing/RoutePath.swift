import Vapor

/// A route's parameter: the key when the route is registered, a value when a link is built
/// (the model is the Swift Package Index server's `SiteURL`).
enum Parameter<Value: LosslessStringConvertible & Sendable>: Sendable {
    case key
    case value(Value)
}

/// One part of a route's path: fixed text, or a named parameter.
enum PathSegment: Sendable, Equatable {
    case constant(String)
    case parameter(name: String, value: String?)

    static func parameter<Value>(_ name: String, _ parameter: Parameter<Value>) -> PathSegment {
        switch parameter {
        case .key: .parameter(name: name, value: nil)
        case .value(let value): .parameter(name: name, value: value.description)
        }
    }
}

/// Something the site answers at: its path is built from segments, so the same value both
/// registers the route (with keys) and builds links (with values).
protocol RoutePath: Sendable {
    var segments: [PathSegment] { get }
    /// Every route of the kind, with keys for parameters: the route test compares them with the
    /// routes registered.
    static var templates: [Self] { get }
}

extension RoutePath {
    /// The path a link uses; a parameter without a value shows as `:name`.
    var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let name, let value): value.map { $0.addingPercentEncoding(withAllowedCharacters: Self.valueAllowed) ?? $0 } ?? ":\(name)"
            }
        }.joined(separator: "/")
    }

    /// A value is one segment: a slash in it is escaped like any other reserved character.
    private static var valueAllowed: CharacterSet { CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")) }

    /// The components a route is registered with.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ route: some RoutePath,
                                              use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(method, route.pathComponents, use: closure)
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ route: some RoutePath,
                                               use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.GET, route, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ route: some RoutePath,
                                                use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.POST, route, use: closure)
    }
}
