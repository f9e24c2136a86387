import Vapor

/// Answers 405 with an `Allow` header when the path exists but not for this method, so
/// clients learn what they did wrong instead of being told the address does not exist.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Fixed segments outrank parameters whatever the method: `/credentials/verify` is the
        // verify action's address, not a credential whose id reads "verify", so a GET there is a
        // wrong method, not a search for that credential.
        let fixed = request.application.storage[FixedRoutes.self]?[request.url.path]
        if let route = request.route {
            guard let fixed, route.path.contains(where: { if case .constant = $0 { false } else { true } }) else {
                return try await next.respond(to: request)
            }
            throw Self.refusal(request.method, allowed: fixed)
        }
        if let fixed { throw Self.refusal(request.method, allowed: fixed) }
        let segments = request.url.path.split(separator: "/").map(String.init)
        let allowed = Set(request.application.routes.all.filter { Self.matches($0.path, segments) }.map(\.method.rawValue))
        guard !allowed.isEmpty else { return try await next.respond(to: request) }
        throw Self.refusal(request.method, allowed: allowed)
    }

    private static func refusal(_ method: HTTPMethod, allowed: Set<String>) -> Abort {
        let methods = (allowed.contains("GET") ? allowed.union(["HEAD"]) : allowed).sorted()
        return Abort(.methodNotAllowed, headers: ["Allow": methods.joined(separator: ", ")],
                     reason: "\(method.rawValue) is not supported here. Use \(methods.joined(separator: " or ")).")
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

/// The methods of every route without parameters, by path: read once after the routes are
/// registered, so telling a fixed address from a parameter's match costs one lookup.
enum FixedRoutes: StorageKey {
    typealias Value = [String: Set<String>]

    static func table(_ routes: Routes) -> Value {
        var table: Value = [:]
        for route in routes.all where route.path.allSatisfy({ if case .constant = $0 { true } else { false } }) {
            table["/" + route.path.map(\.description).joined(separator: "/"), default: []].insert(route.method.rawValue)
        }
        return table
    }
}
