import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutMail
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// Runs only under `scripts/smtp_check.py` (part of `make test`), which starts aiosmtpd with
/// STARTTLS, AUTH and a private CA, and afterwards checks with Python's `email` package what
/// arrived. Here: the outbox rows and what the client itself must refuse.
@Suite("E-mail through a real SMTP server", .enabled(if: ProcessInfo.processInfo.environment["TRYOUT_TEST_SMTP_URL"] != nil))
struct RealSMTPServerTests {
    static let environment = ProcessInfo.processInfo.environment
    static let from = Mailbox(name: "Tryout Tëst", address: "noreply@tryout.test")
    static let name = "Zoë Ångström 山田"

    static func server(_ variable: String) throws -> SMTPServer {
        try SMTPServer(url: try #require(environment[variable]))
    }

    /// A check-in's calendar entry, as check-in reminders attach it.
    static func checkIn(at start: Date) -> MailAttachment {
        let event = CalendarEvent(uid: "check-in-1@tryout.test", summary: "Weekly check-in with Acme", start: start,
                                  end: start.addingTimeInterval(1800))
        let ics = ICalendar.document(name: "Check-in", events: [event], stamp: start)
        return MailAttachment(filename: "check-in.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", data: Data(ics.utf8))
    }

    @Test("notification mail, a 4xx then success, and a 5xx, through STARTTLS and AUTH with a private CA")
    func deliversThroughStartTLS() async throws {
        let server = try Self.server("TRYOUT_TEST_SMTP_URL")
        #expect(server.security == .startTLS)
        let caFile = Self.environment["TRYOUT_SMTP_CA_FILE"]
        try await withTestApp(configure: { $0.mail = .smtp(server, from: Self.from, caFile: caFile) }) { t in
            let zoe = try await Factory(t).user("zoe@uni.test", name: Self.name)
            let long = String((0..<2000).map { i in Array("abcdefghij")[i % 10] })
            let text = "Hello \(Self.name),\n\n.a line that starts with a dot\n\(long)\n\nSee you at the check-in."
            let mail = t.app.commandContext.mail
            try await mail.send(MailMessage(to: "zoe@uni.test", subject: "\(Self.name): your check-in with Acme", text: text,
                                            category: .reminders, recipientUserID: zoe.id,
                                            attachments: [Self.checkIn(at: t.clock.now.addingTimeInterval(86400))], toName: Self.name),
                                at: t.clock.now, on: t.db)
            try await mail.send(to: "greylist@uni.test", subject: "Greylisted first", body: "Hello", at: t.clock.now, on: t.db)
            try await mail.send(to: "reject@uni.test", subject: "Refused", body: "Hello", at: t.clock.now, on: t.db)

            try await t.runJobs()
            #expect(try await Self.state(of: "zoe@uni.test", t) == .sent)
            #expect(try await Self.state(of: "greylist@uni.test", t) == .queued)
            let refused = try #require(try await Outbox.messages(to: "reject@uni.test", on: t.db).first)
            #expect(refused.state == .failed)
            #expect(refused.lastReply?.contains("550 5.1.1") == true)

            try await t.runJobs(at: t.clock.now.addingTimeInterval(3600))
            let greylisted = try #require(try await Outbox.messages(to: "greylist@uni.test", on: t.db).first)
            #expect(greylisted.state == .sent)
            #expect(greylisted.attempts == 2)
            #expect(greylisted.lastReply?.hasPrefix("250 2.0.0 OK queued as") == true)
        }
    }

    @Test("a check-in reminder arrives with the check-in as an .ics")
    func checkInReminder() async throws {
        let server = try Self.server("TRYOUT_TEST_SMTP_URL")
        let caFile = Self.environment["TRYOUT_SMTP_CA_FILE"]
        try await withTestApp(configure: { $0.mail = .smtp(server, from: Self.from, caFile: caFile) }) { t in
            let engagement = try await Factory(t).engagement(candidate: "kim@uni.test", candidateName: "Kim Lee")
            let checkIn = CheckInRecord()
            checkIn.$engagement.id = try engagement.requireID()
            checkIn.startsAt = t.clock.now.addingTimeInterval(3 * 86400)
            checkIn.minutes = 30
            checkIn.agenda = "First week"
            checkIn.notes = ""
            checkIn.createdBy = engagement.$candidate.id
            checkIn.createdAt = t.clock.now
            try await checkIn.create(on: t.db)

            t.clock.advance(by: 2 * 86400)
            try await JobQueue.enqueue(SendReminders(), runAt: t.clock.now, at: t.clock.now, on: t.db)
            try await t.runJobs()
            let reminder = try #require(try await Outbox.messages(to: "kim@uni.test", on: t.db).first { $0.subject.hasSuffix("check-in tomorrow") })
            #expect(reminder.state == .sent)
        }
    }

    @Test("TLS from the first byte, with AUTH LOGIN")
    func deliversOverImplicitTLS() async throws {
        let server = try Self.server("TRYOUT_TEST_SMTPS_URL")
        #expect(server.security == .implicitTLS)
        let client = try SMTPClient(server: server, localName: "tryout.test", caFile: Self.environment["TRYOUT_SMTP_CA_FILE"])
        let message = EmailMessage(id: UUID().uuidString, date: Date(), from: Self.from, to: Mailbox(address: "ada@uni.test"),
                                   subject: "Over implicit TLS", text: "Hello", html: "<p>Hello</p>")
        let reply = try await client.send(MessageWriter.write(message), from: Self.from.address, to: ["ada@uni.test"])
        #expect(reply.code == 250)
    }

    @Test("a certificate no trusted CA signed is refused, and the message kept for a retry")
    func refusesAnUntrustedCertificate() async throws {
        let client = try SMTPClient(server: try Self.server("TRYOUT_TEST_SMTP_URL"), localName: "tryout.test")
        let error = await #expect(throws: SMTPError.self) {
            try await client.send("Subject: x\r\n\r\nnever\r\n", from: Self.from.address, to: ["nobody@uni.test"])
        }
        #expect(error?.isPermanent == false)
        #expect("\(String(describing: error))".contains("CERTIFICATE_VERIFY_FAILED"))
    }

    static func state(of recipient: String, _ t: TestApp) async throws -> OutboxState? {
        try await Outbox.messages(to: recipient, on: t.db).first?.state
    }
}
