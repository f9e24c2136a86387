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
    /// What a link adds after `?` (a form's starting values, where to go next); never part of the route.
    var query: [URLQueryItem] { get }
    /// The address a link uses; a requirement so that a feature's own query escaping holds when
    /// `SiteURL` hands the link over to it.
    var path: String { get }
    static var queryAllowed: CharacterSet { get }
    /// Every route of the kind, with keys for parameters: the route test compares them with the
    /// routes registered.
    static var templates: [Self] { get }
}

extension RoutePath {
    var query: [URLQueryItem] { [] }

    /// What a query value keeps unescaped: letters, digits and the other characters RFC 3986
    /// calls unreserved, which never need escaping (so an id in a `next` path stays readable).
    static var queryAllowed: CharacterSet { CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~")) }

    /// The address a link uses: the path (a parameter without a value shows as `:name`) and the query.
    var path: String {
        guard !query.isEmpty else { return pathOnly }
        let pairs = query.map { item in Self.escape(item.name) + "=" + Self.escape(item.value ?? "") }
        return pathOnly + "?" + pairs.joined(separator: "&")
    }

    /// Everything else is escaped (slashes in a `next` path too).
    private static func escape(_ text: String) -> String {
        isUnreserved(text) ? text : text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    private var pathOnly: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let name, let value): value.map(Self.escapeSegment) ?? ":\(name)"
            }
        }.joined(separator: "/")
    }

    /// A value is one segment: a slash in it is escaped like any other reserved character.
    private static func escapeSegment(_ value: String) -> String {
        isUnreserved(value) ? value : value.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? value
    }

    /// Whether `text` is only letters, digits and `-._~` (ASCII), which no part of an address
    /// escapes. Ids and slugs are, and skip Foundation's percent-encoding: with the character set
    /// it was given built for each value, that was 3.5% of the applicants list's time.
    private static func isUnreserved(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
            default: false
            }
        }
    }

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

/// What a path segment's value keeps unescaped.
private let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

extension SiteURL {
    /// Where the JSON API lives; its routes are described by the OpenAPI document too.
    static let apiPrefix: [PathSegment] = [.constant("api"), .constant("v1")]
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
