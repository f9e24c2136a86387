import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The engagement a request's path names, with who the person is in it (outsiders get a 404),
/// and the context the request's actions run with. Shared by the pages and the API.
struct EngagementRequest: Sendable {
    let context: ActionContext
    let participant: EngagementParticipant

    var id: EngagementID { participant.id }

    static func load(_ req: Request) async throws -> EngagementRequest {
        guard let id = req.parameters.get("engagementID", as: EngagementID.self) else { throw Abort(.notFound) }
        let context = try await req.signedInContext()
        return EngagementRequest(context: context, participant: try await EngagementParticipant.load(id, context))
    }

    /// Read again after a move, so an answer shows the new state.
    func reloaded() async throws -> EngagementRequest {
        EngagementRequest(context: context, participant: try await EngagementParticipant.load(id, context))
    }

    func snapshot() async throws -> EngagementSnapshot {
        try await EngagementSnapshot.load(participant, context)
    }

    /// The overview as the pages show it.
    func overview() async throws -> EngagementOverview {
        try EngagementOverview(try await snapshot())
    }

    /// A typed id from the path, or a 404.
    func parameter<Entity>(_ name: String, of req: Request, as type: TypedID<Entity>.Type = TypedID<Entity>.self) throws -> TypedID<Entity> {
        guard let id = req.parameters.get(name, as: type) else { throw Abort(.notFound) }
        return id
    }
}

extension Request {
    /// Runs an engagement move from a form and goes back to `route` with its message, or with
    /// the reason the state refused it.
    func redirecting(to route: SiteURL.Engagements, _ move: () async throws -> String) async throws -> Response {
        do {
            try await flash(try await move())
        } catch ActionError.conflict(let reason) {
            try await flash(reason, .error)
        }
        return redirect(to: route.path)
    }
}

/// Downloads from an engagement: always an attachment with a name made safe, never rendered in place.
enum EngagementDownload {
    static func attachment(_ data: Data, name: String, contentType: String, sha256: String?) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(UploadPolicy.safeName(name))\"")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        if let sha256, let digest = Data(hex: sha256) {
            headers.replaceOrAdd(name: "Repr-Digest", value: "sha-256=:\(digest.base64EncodedString()):")
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// A submitted file, only for the engagement's people; the pages and the API serve it alike.
    static func file(req: Request) async throws -> Response {
        let engagement = try await EngagementRequest.load(req)
        return try stored(try await WorkService.file(try engagement.parameter("fileID", of: req), in: engagement.participant, engagement.context), req)
    }

    /// A submitted file the person may have, read from storage.
    static func stored(_ file: SubmissionFileRecord, _ req: Request) throws -> Response {
        let data: Data
        do {
            data = try req.tryout.fileStorage.read(sha256: file.sha256)
        } catch {
            req.logger.error("a stored file is missing: \(file.sha256)")
            throw Abort(.notFound, reason: "This file is no longer stored.")
        }
        return attachment(data, name: file.name, contentType: file.kind.contentType, sha256: file.sha256)
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex; nil for anything else.
    init?(hex: String) {
        guard hex.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
