import Foundation
import Testing
@testable import TryoutMail

@Suite struct QuotedPrintableTests {
    @Test func plainTextStaysReadable() {
        #expect(QuotedPrintable.encode("Hello, world.\n.dot") == "Hello, world.\r\n.dot")
    }

    @Test func equalsSignsTrailingSpaceAndUTF8AreEscaped() {
        #expect(QuotedPrintable.encode("a=b \nZoë") == "a=3Db=20\r\nZo=C3=AB")
    }

    @Test func fromAtALineStartIsEscapedForMboxStores() {
        #expect(QuotedPrintable.encode("From here\nnot From") == "=46rom here\r\nnot From")
    }

    /// A 2,000-character line becomes lines of at most 76 characters that decode back to it.
    @Test func longLinesAreSoftBrokenAndDecodeBack() {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let line = String((0..<2_000).map { (i: Int) -> Character in i % 97 == 0 ? "é" : letters[i % 26] })
        let encoded = QuotedPrintable.encode(line)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 26)
        #expect(lines.allSatisfy { $0.count <= QuotedPrintable.maxLineLength })
        #expect(Self.decode(encoded) == line)
    }

    /// An independent decoder (RFC 2045 §6.7), so the test does not trust the encoder's view.
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "="), i + 2 < input.count, let byte = UInt8(String(decoding: input[i + 1...i + 2], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(input[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
