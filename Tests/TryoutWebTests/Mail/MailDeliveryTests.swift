import FluentKit
import Foundation
import NIOConcurrencyHelpers
import Testing
import TryoutApp
import TryoutCore
import TryoutMail
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// A mail server the test scripts: each delivery takes the next answer (the last one repeats).
final class ScriptedMailTransport: MailTransport {
    private let state = NIOLockedValueBox((answers: [Result<MailHandoff, MailTransportError>](), delivered: [QueuedMail]()))

    init(_ answers: Result<MailHandoff, MailTransportError>...) {
        state.withLockedValue { $0.answers = answers }
    }

    var delivered: [QueuedMail] { state.withLockedValue { $0.delivered } }

    func deliver(_ mail: QueuedMail) async throws -> MailHandoff {
        let answer = state.withLockedValue { state in
            state.delivered.append(mail)
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        return try answer.get()
    }
}

@Suite("E-mail delivery")
struct MailDeliveryTests {
    static let accepted = Result<MailHandoff, MailTransportError>.success(.sent(reply: "250 2.0.0 queued as 42"))

    static func send(_ t: TestApp, _ message: MailMessage) async throws -> OutboxRecord {
        try await t.app.commandContext.mail.send(message, at: t.clock.now, on: t.db)
        return try #require(try await Outbox.messages(to: message.to, on: t.db).first)
    }

    @Test("a message is sent by its job once, with its reply recorded, even when the job runs again")
    func sentOnce() async throws {
        let transport = ScriptedMailTransport(Self.accepted)
        try await withTestApp(configure: { $0.mail = .custom(transport) }) { t in
            let ics = MailAttachment(filename: "check-in.ics", contentType: "text/calendar; charset=utf-8", data: Data("BEGIN:VCALENDAR".utf8))
            let record = try await Self.send(t, MailMessage(to: "zoe@uni.test", subject: "Check-in", text: "See <you> & soon",
                                                           attachments: [ics], toName: "Zoë Ångström 山田"))
            #expect(record.state == .queued)
            #expect(try await t.runJobs() == 1)
            let sent = try #require(try await OutboxRecord.find(record.id, on: t.db))
            #expect(sent.state == .sent)
            #expect(sent.lastReply == "250 2.0.0 queued as 42")
            #expect(sent.sentAt == t.clock.now)
            #expect(transport.delivered.first?.toName == "Zoë Ångström 山田")
            #expect(transport.delivered.first?.attachments == [ics])
            // A text-only message gets an HTML part saying the same, escaped.
            #expect(transport.delivered.first?.html.contains("See &lt;you&gt; &amp; soon") == true)

            try await JobQueue.enqueue(DeliverMail(outboxID: try sent.requireID()), runAt: t.clock.now, at: t.clock.now, on: t.db)
            #expect(try await t.runJobs() == 1)
            #expect(transport.delivered.count == 1)
        }
    }

    @Test("a 4xx reply leaves the message queued with the reply and tries again after the backoff")
    func temporaryRefusalRetries() async throws {
        let transport = ScriptedMailTransport(.failure(MailTransportError(reply: "451 4.7.1 greylisted", isPermanent: false)), Self.accepted)
        try await withTestApp(configure: { $0.mail = .custom(transport) }) { t in
            let record = try await Self.send(t, MailMessage(to: "ada@uni.test", subject: "Offer", text: "Hello"))
            try await t.runJobs()
            let waiting = try #require(try await OutboxRecord.find(record.id, on: t.db))
            #expect(waiting.state == .queued)
            #expect(waiting.attempts == 1)
            #expect(waiting.lastReply == "451 4.7.1 greylisted")
            #expect(try await t.runJobs() == 0)

            try await t.runJobs(at: t.clock.now.addingTimeInterval(3600))
            let sent = try #require(try await OutboxRecord.find(record.id, on: t.db))
            #expect(sent.state == .sent)
            #expect(sent.attempts == 2)
            #expect(transport.delivered.count == 2)
        }
    }

    @Test("a 5xx reply fails the message at once, with the server's reply, and its job is dead")
    func permanentRefusalFails() async throws {
        let transport = ScriptedMailTransport(.failure(MailTransportError(reply: "RCPT TO: 550 5.1.1 no such user", isPermanent: true)))
        try await withTestApp(configure: { $0.mail = .custom(transport) }) { t in
            let record = try await Self.send(t, MailMessage(to: "ghost@uni.test", subject: "Offer", text: "Hello"))
            try await t.runJobs()
            try await t.runJobs(at: t.clock.now.addingTimeInterval(24 * 3600))
            #expect(transport.delivered.count == 1)
            let failed = try #require(try await OutboxRecord.find(record.id, on: t.db))
            #expect(failed.state == .failed)
            #expect(failed.lastReply == "RCPT TO: 550 5.1.1 no such user")
            let job = try #require(try await JobRecord.query(on: t.db).filter(\.$kind == DeliverMail.kind).first())
            #expect(job.state == .dead)
        }
    }

    @Test("administrators see a refused message's reply on the jobs page, and retrying it sends it again")
    func administratorsRetry() async throws {
        let transport = ScriptedMailTransport(.failure(MailTransportError(reply: "RCPT TO: 550 5.2.1 mailbox disabled", isPermanent: true)),
                                              Self.accepted)
        try await withTestApp(configure: { $0.mail = .custom(transport) }) { t in
            let record = try await Self.send(t, MailMessage(to: "ada@uni.test", subject: "Offer", text: "Hello"))
            try await t.runJobs()
            let job = try #require(try await JobRecord.query(on: t.db).filter(\.$kind == DeliverMail.kind).first())
            try await Factory(t).user("root@tryout.test", admin: true)
            try await t.signIn("root@tryout.test")
            let page = try await t.get("/admin/jobs?state=dead&kind=mail.deliver").body.string
            #expect(page.contains("550 5.2.1 mailbox disabled"))

            try await t.post("/admin/jobs/\(try job.requireID().uuidString.lowercased())/retry")
            try await t.runJobs()
            #expect(try await OutboxRecord.find(record.id, on: t.db)?.state == .sent)
            #expect(transport.delivered.count == 2)
        }
    }

    @Test("a 4xx reply on the last try fails the message")
    func lastTryFails() async throws {
        let transport = ScriptedMailTransport(.failure(MailTransportError(reply: "421 busy", isPermanent: false)))
        try await withTestApp(configure: { $0.mail = .custom(transport) }) { t in
            let record = try await Self.send(t, MailMessage(to: "ada@uni.test", subject: "Offer", text: "Hello"))
            for _ in 0..<DeliverMail.maxAttempts { try await t.runJobs(at: t.clock.now.addingTimeInterval(8 * 3600)) }
            let failed = try #require(try await OutboxRecord.find(record.id, on: t.db))
            #expect(failed.state == .failed)
            #expect(failed.attempts == DeliverMail.maxAttempts)
            #expect(failed.lastReply == "421 busy")
        }
    }

    @Test("retries outlast a night's outage and end within a day")
    func retrySpan() {
        let span = DeliverMail.backoff.longestSpan(attempts: DeliverMail.maxAttempts)
        #expect(span > 12 * 3600 && span < 24 * 3600)
    }

    @Test("without SMTP settings mail goes to the log and is marked so")
    func loggedInDevelopment() async throws {
        try await withTestApp { t in
            let record = try await Self.send(t, MailMessage(to: "ada@uni.test", subject: "Offer", text: "Hello"))
            try await t.runJobs()
            let logged = try #require(try await OutboxRecord.find(record.id, on: t.db))
            #expect(logged.state == .logged)
        }
    }

    @Test("a change that rolls back leaves neither its mail nor the mail's job")
    func rollbackSendsNothing() async throws {
        struct Rollback: Error {}
        try await withTestApp { t async throws in
            let context = t.app.commandContext
            _ = try? await context.act(locking: .none) { ctx -> Void in
                try await ctx.mail.send(MailMessage(to: "ada@uni.test", subject: "Offer", text: "Hello"), at: ctx.now, on: ctx.db)
                throw Rollback()
            }
            #expect(try await OutboxRecord.query(on: t.db).count() == 0)
            #expect(try await JobRecord.query(on: t.db).filter(\.$kind == DeliverMail.kind).count() == 0)
        }
    }
}

@Suite("E-mail settings")
struct MailSettingsTests {
    static func settings(production: Bool, _ variables: [String: String]) -> MailSettings {
        MailSettings.fromEnvironment(isProduction: production) { variables[$0] }
    }

    @Test("production refuses to start without SMTP settings unless TRYOUT_MAIL=log")
    func productionNeedsSMTP() {
        guard case .invalid(let reason) = Self.settings(production: true, [:]) else { Issue.record("accepted"); return }
        #expect(reason.contains("TRYOUT_SMTP_URL"))
        #expect(Self.settings(production: true, ["TRYOUT_MAIL": "log"]).isLog)
        #expect(Self.settings(production: false, [:]).isLog)
    }

    @Test("SMTP settings need a sender, and a URL that can be used")
    func smtpSettings() {
        guard case .smtp(let server, let from, let caFile) = Self.settings(production: true, [
            "TRYOUT_SMTP_URL": "smtp://u:p@mail.example.com:587", "TRYOUT_MAIL_FROM": "Tryout <noreply@example.com>",
            "TRYOUT_SMTP_CA_FILE": "/etc/ca.pem",
        ]) else { Issue.record("not SMTP"); return }
        #expect(server.security == .startTLS)
        #expect(from == Mailbox(name: "Tryout", address: "noreply@example.com"))
        #expect(caFile == "/etc/ca.pem")
        guard case .invalid = Self.settings(production: true, ["TRYOUT_SMTP_URL": "smtp://u:p@mail.example.com"]) else {
            Issue.record("accepted without TRYOUT_MAIL_FROM"); return
        }
        guard case .invalid(let reason) = Self.settings(production: false, ["TRYOUT_SMTP_URL": "imap://mail.example.com", "TRYOUT_MAIL_FROM": "a@b.c"]) else {
            Issue.record("accepted imap"); return
        }
        #expect(reason.contains("smtp://"))
    }

    @Test("EHLO names the site's host, or its address as a literal")
    func localName() {
        #expect(MailSettings.localName(publicURL: "https://tryout.example.com") == "tryout.example.com")
        #expect(MailSettings.localName(publicURL: "http://127.0.0.1:8080") == "[127.0.0.1]")
        #expect(MailSettings.localName(publicURL: "http://[::1]:8080") == "[IPv6:::1]")
    }
}
