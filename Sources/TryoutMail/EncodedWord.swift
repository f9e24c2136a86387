import Foundation

/// Header text outside ASCII (RFC 2047): `=?UTF-8?B?…?=` words of at most 75 characters, split
/// between code points (RFC 2047 §5: whole characters of the charset), never inside one's UTF-8.
public enum EncodedWord {
    /// The longest encoded word RFC 2047 allows.
    static let maxWordLength = 75
    /// Bytes of UTF-8 per word: 45 bytes make 60 base64 characters, plus 12 for `=?UTF-8?B?` and `?=`.
    static let bytesPerWord = 45

    /// The words for `text`, to be joined by CRLF and a space.
    public static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > bytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Data(bytes).base64EncodedString())?=" }

    /// Whether `text` may stand in a header as it is: printable ASCII only.
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
    }
}
