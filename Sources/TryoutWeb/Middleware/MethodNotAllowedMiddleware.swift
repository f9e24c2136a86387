import Vapor

/// Answers 405 with an `Allow` header when the path exists but not for this method, so
/// clients learn what they did wrong instead of being told the address does not exist.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.route == nil else { return try await next.respond(to: request) }
        let segments = request.url.path.split(separator: "/").map(String.init)
        var allowed = Set<String>()
        for route in request.application.routes.all where Self.matches(route.path, segments) {
            allowed.insert(route.method.rawValue)
            if route.method == .GET { allowed.insert("HEAD") }
        }
        guard !allowed.isEmpty else { return try await next.respond(to: request) }
        throw Abort(.methodNotAllowed, headers: ["Allow": allowed.sorted().joined(separator: ", ")],
                    reason: "\(request.method.rawValue) is not supported here. Use \(allowed.sorted().joined(separator: " or ")).")
    }

    private static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { component, segment in
            switch component {
            case .constant(let value): value == segment
            case .parameter, .anything: true
            case .catchall: true
            }
        }
    }
}
