import Testing
@testable import TryoutMail

@Suite struct SMTPServerTests {
    @Test func submissionWithCredentialsRequiresStartTLS() throws {
        let server = try SMTPServer(url: "smtp://me%40example.com:p%3Ass@mail.example.com:587")
        #expect(server == SMTPServer(host: "mail.example.com", port: 587, security: .startTLS,
                                     credentials: .init(username: "me@example.com", password: "p:ss")))
    }

    @Test func smtpsIsImplicitTLSOnPort465ByDefault() throws {
        let server = try SMTPServer(url: "smtps://u:p@mail.example.com")
        #expect(server.security == .implicitTLS)
        #expect(server.port == 465)
    }

    @Test func aLocalRelayOnPort25GoesPlain() throws {
        #expect(try SMTPServer(url: "smtp://localhost:25").security == .plain)
    }

    /// A password must never cross the network in the clear, even to port 25.
    @Test func credentialsOnPort25StillRequireStartTLS() throws {
        #expect(try SMTPServer(url: "smtp://u:p@relay.example.com:25").security == .startTLS)
    }

    @Test func smtpWithoutPortIsSubmission() throws {
        let server = try SMTPServer(url: "smtp://mail.example.com")
        #expect(server.port == 587)
        #expect(server.security == .startTLS)
    }

    @Test func anIPv6LiteralLosesItsBrackets() throws {
        #expect(try SMTPServer(url: "smtp://[::1]:25").host == "::1")
    }

    @Test(arguments: [
        ("http://mail.example.com", SMTPURLError.unsupportedScheme("http")),
        ("smtp://", .missingHost),
        ("smtp://user@mail.example.com", .incompleteCredentials),
        ("smtp://mail.example.com/inbox", .unexpectedPathOrQuery),
        ("smtp://mail.example.com?tls=no", .unexpectedPathOrQuery),
        ("mail.example.com", .notAURL),
    ])
    func refusesWhatItCannotUse(url: String, error: SMTPURLError) {
        #expect(throws: error) { try SMTPServer(url: url) }
    }
}
