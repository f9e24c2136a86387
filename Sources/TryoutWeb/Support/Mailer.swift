import Foundation
import TryoutStore
import Vapor
import FluentKit

/// Sends e-mail by writing it to the outbox in the caller's transaction; in development the
/// message is also logged so that links can be followed without a mail server.
enum Mailer {
    static func send(_ req: Request, to recipient: String, subject: String, body: String, at now: Date, on db: any Database) async throws {
        try await Outbox.enqueue(to: recipient, subject: subject, body: body, at: now, on: db)
        if req.tryout.logMail {
            req.logger.notice("mail to \(recipient): \(subject)\n\(body)")
        }
    }
}
