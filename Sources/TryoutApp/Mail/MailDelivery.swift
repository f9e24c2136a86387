import FluentKit
import Foundation
import TryoutStore

/// Delivers one outbox message. Twelve tries with the standard backoff (30 s doubling, at most
/// 6 h apart) span about 14 hours, 17 at the most with jitter: long enough to outlast
/// greylisting and a mail server's night-long outage.
public struct DeliverMail: Job {
    public static let kind = "mail.deliver"
    public static let maxAttempts = 12
    public var outboxID: UUID

    public init(outboxID: UUID) {
        self.outboxID = outboxID
    }
}

public enum MailDelivery {
    /// Sends the message and records the outcome on its outbox row: sent (or logged) with the
    /// server's reply; a 4xx reply or a network failure is saved and thrown, so the job tries
    /// again after its backoff; a 5xx reply, or a 4xx on the last try, marks it failed with
    /// the reply, which administrators see, and ends the job.
    ///
    /// Idempotent: a row already sent or logged is left alone, so a job that runs twice sends
    /// once. The one gap is a worker dying after the server took the message and before the
    /// row says so; the retry then sends it again under the same Message-ID (made from the row
    /// id), which mail programs recognise as the same message. A failed row is tried again,
    /// which is what an administrator retrying the dead job asks for.
    public static func run(_ job: DeliverMail, _ ctx: ActionContext, transport: any MailTransport) async throws {
        guard let record = try await OutboxRecord.find(job.outboxID, on: ctx.db),
              record.state == .queued || record.state == .failed else { return }
        let mail: QueuedMail
        do {
            mail = try QueuedMail(record)
        } catch {
            try await finish(record, .failed, reply: "The stored message cannot be read: \(error)", on: ctx.db)
            throw PermanentJobFailure("outbox message \(job.outboxID) cannot be read")
        }
        record.attempts += 1
        do {
            switch try await transport.deliver(mail) {
            case .sent(let reply):
                record.sentAt = ctx.now
                try await finish(record, .sent, reply: reply, on: ctx.db)
            case .logged:
                record.sentAt = ctx.now
                try await finish(record, .logged, reply: nil, on: ctx.db)
            }
        } catch let refusal as MailTransportError {
            let final = refusal.isPermanent || record.attempts >= DeliverMail.maxAttempts
            try await finish(record, final ? .failed : .queued, reply: refusal.reply, on: ctx.db)
            if final { throw PermanentJobFailure("mail to \(record.recipient) not delivered: \(refusal.reply)") }
            throw refusal
        }
    }

    private static func finish(_ record: OutboxRecord, _ state: OutboxState, reply: String?, on db: any Database) async throws {
        record.state = state
        record.lastReply = reply
        try await record.update(on: db)
    }
}
