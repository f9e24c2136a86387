import Testing
@testable import TryoutMail

@Suite struct SMTPReplyTests {
    @Test func aMultiLineReplyEndsAtTheLineWithASpace() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.consume("250-mail.example.com greets you") == nil)
        #expect(try parser.consume("250-STARTTLS") == nil)
        let reply = try #require(try parser.consume("250 AUTH PLAIN LOGIN"))
        #expect(reply == SMTPReply(code: 250, lines: ["mail.example.com greets you", "STARTTLS", "AUTH PLAIN LOGIN"]))
        // The parser starts afresh for the next reply.
        #expect(try parser.consume("221 bye") == SMTPReply(code: 221, lines: ["bye"]))
    }

    @Test func aBareCodeIsAReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.consume("354") == SMTPReply(code: 354, lines: [""]))
    }

    @Test(arguments: ["hello", "25 short", "250+odd", "999 no such code", "abc text"])
    func refusesLinesThatAreNotReplies(line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try parser.consume(Substring(line)) }
    }

    @Test func aCodeMayNotChangeInsideAReply() throws {
        var parser = SMTPReplyParser()
        _ = try parser.consume("250-first")
        #expect(throws: SMTPError.self) { try parser.consume("550 second") }
    }

    @Test func classesDecideRetryOrFailure() {
        #expect(SMTPError.rejected(step: "RCPT TO", SMTPReply(code: 550, lines: ["no such user"])).isPermanent)
        #expect(!SMTPError.rejected(step: "RCPT TO", SMTPReply(code: 451, lines: ["greylisted"])).isPermanent)
        #expect(!SMTPError.timeout(step: "DATA").isPermanent)
        #expect(SMTPReply(code: 451, lines: ["a", "b"]).description == "451 a\n451 b")
    }
}
