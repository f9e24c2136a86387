import Foundation
import Testing
@testable import TryoutMail

@Suite struct MessageWriterTests {
    static let message = EmailMessage(
        id: "7d2f4c1e-0000-4000-8000-000000000001", date: Date(timeIntervalSince1970: 1_796_184_161),
        from: Mailbox(name: "Tryout", address: "noreply@tryout.test"),
        to: Mailbox(name: "Zoë Ångström 山田", address: "zoe@uni.test"),
        subject: "Your check-in with Acme", text: "Hello Zoë,\n.see you soon", html: "<p>Hello Zoë</p>")

    @Test func headersNameTheMessageAndItsDate() {
        let text = MessageWriter.write(Self.message)
        #expect(text.hasPrefix("Date: Wed, 02 Dec 2026 04:02:41 +0000\r\nFrom: \"Tryout\" <noreply@tryout.test>\r\n"))
        #expect(text.contains("\r\nMessage-ID: <7d2f4c1e-0000-4000-8000-000000000001@tryout.test>\r\n"))
        #expect(text.contains("\r\nSubject: Your check-in with Acme\r\n"))
        #expect(text.contains("\r\nContent-Type: multipart/alternative;\r\n boundary=\"=_alt_7d2f4c1e-0000-4000-8000-000000000001\"\r\n"))
        #expect(!text.contains("List-Unsubscribe"))
        #expect(!text.contains("multipart/mixed"))
    }

    @Test func theWholeMessageIsSevenBitWithCRLFLineEnds() {
        var message = Self.message
        message.text = String(repeating: "ü", count: 2_000)
        let text = MessageWriter.write(message)
        #expect(text.utf8.allSatisfy { $0 < 0x80 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func aNameOutsideASCIIIsEncodedInWordsOfAtMost75Characters() {
        let header = MessageWriter.mailbox(Mailbox(name: "Zoë Ångström 山田", address: "zoe@uni.test"))
        #expect(header == "=?UTF-8?B?Wm/DqyDDhW5nc3Ryw7ZtIOWxseeUsA==?= <zoe@uni.test>")
        let long = EncodedWord.encode(String(repeating: "山", count: 40))
        #expect(long.count == 3)
        #expect(long.allSatisfy { $0.count <= EncodedWord.maxWordLength })
        let decoded = long.map { word in
            Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
        }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == String(repeating: "山", count: 40))
    }

    @Test func anASCIINameIsQuotedWithItsQuotesEscaped() {
        #expect(MessageWriter.mailbox(Mailbox(name: #"Ada "the" Lovelace"#, address: "a@x.io")) == #""Ada \"the\" Lovelace" <a@x.io>"#)
        #expect(MessageWriter.mailbox(Mailbox(address: "a@x.io")) == "a@x.io")
    }

    @Test func aLongOrNonASCIISubjectIsEncodedAndFolded() {
        let header = MessageWriter.header("Subject", String(repeating: "Offer ", count: 20))
        #expect(header.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(header.components(separatedBy: "\r\n").dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
    }

    @Test func notificationMailOffersOneClickUnsubscribe() {
        var message = Self.message
        message.unsubscribeURL = "https://tryout.test/unsubscribe/abc"
        let text = MessageWriter.write(message)
        #expect(text.contains("\r\nList-Unsubscribe: <https://tryout.test/unsubscribe/abc>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
    }

    @Test func attachmentsWrapTheAlternativesInMultipartMixed() throws {
        var message = Self.message
        let ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        message.attachments = [EmailAttachment(filename: "check-in.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", data: Data(ics.utf8))]
        let text = MessageWriter.write(message)
        #expect(text.contains("Content-Type: multipart/mixed;\r\n boundary=\"=_mix_"))
        #expect(text.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST;\r\n name=\"check-in.ics\"\r\nContent-Disposition: attachment;\r\n filename=\"check-in.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Data(ics.utf8).base64EncodedString())\r\n"))
        #expect(text.hasSuffix("--=_mix_7d2f4c1e-0000-4000-8000-000000000001--\r\n"))
    }

    @Test func aFileNameOutsideASCIIUsesRFC2231() {
        #expect(MessageWriter.filenameParameter("Zoë.ics") == "*=utf-8''Zo%C3%AB.ics")
        #expect(MessageWriter.filenameParameter("a\r\nb.ics") == "*=utf-8''a%0D%0Ab.ics")
    }

    @Test func fromParsesNameAndAddress() {
        #expect(Mailbox(parsing: "Tryout <noreply@tryout.test>") == Mailbox(name: "Tryout", address: "noreply@tryout.test"))
        #expect(Mailbox(parsing: "\"Tryout, Inc\" <noreply@tryout.test>")?.name == "Tryout, Inc")
        #expect(Mailbox(parsing: "noreply@tryout.test") == Mailbox(address: "noreply@tryout.test"))
        #expect(Mailbox(parsing: "no reply") == nil)
        #expect(Mailbox(parsing: "a@b>\r\nRCPT TO:<c@d") == nil)
    }
}
