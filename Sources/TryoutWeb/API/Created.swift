import Foundation
import Vapor

extension Content {
    /// `201 Created`, with `Location` naming the new resource: `/api/v1/` and `path`, ids in lower case.
    func created(at path: any CustomStringConvertible..., for req: Request) async throws -> Response {
        let response = try await encodeResponse(status: .created, for: req)
        let parts = path.map { ($0 as? UUID)?.uuidString.lowercased() ?? $0.description }
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/" + parts.joined(separator: "/"))
        return response
    }
}
