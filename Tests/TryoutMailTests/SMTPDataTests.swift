import Testing
@testable import TryoutMail

@Suite struct SMTPDataTests {
    @Test func linesStartingWithADotGetAnother() {
        #expect(SMTPData.encode("a\r\n.b\r\n..c\r\n.\r\n") == "a\r\n..b\r\n...c\r\n..\r\n.\r\n")
    }

    @Test func bareLineEndsBecomeCRLFSoNoTerminatorSlipsThrough() {
        #expect(SMTPData.encode("a\n.\nb\rc") == "a\r\n..\r\nb\r\nc\r\n.\r\n")
    }

    @Test func anEmptyMessageIsJustTheTerminator() {
        #expect(SMTPData.encode("") == ".\r\n")
    }
}
