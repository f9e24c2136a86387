import Foundation

/// UUIDs as the text `UUID.uuidString` writes: 8-4-4-4-12 hexadecimal digits, uppercase. The
/// embedded database stores every id as this text.
///
/// Read and written by hand because Foundation on Linux parses with `sscanf` and writes with
/// `snprintf`: 4–5% of the applicants list's time, which reads and binds hundreds of ids
/// (Benchmarks/README.md, twelfth round).
public enum UUIDText {
    private static let digits = Array("0123456789ABCDEF".utf8)
    /// Where each of the 16 bytes' two digits start in the text, around the dashes at 8, 13, 18 and 23.
    private static let pairs = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]

    public static func write(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                for dash in [8, 13, 18, 23] { text[dash] = UInt8(ascii: "-") }
                for (byte, start) in zip(bytes, pairs) {
                    text[start] = digits[Int(byte >> 4)]
                    text[start + 1] = digits[Int(byte & 0x0F)]
                }
                return 36
            }
        }
    }

    /// The UUID in `text`, upper or lower case; nil for anything but the 36 characters of that form.
    public static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { utf8 -> UUID? in
            guard utf8.count == 36, [8, 13, 18, 23].allSatisfy({ utf8[$0] == UInt8(ascii: "-") }) else { return nil }
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let read = withUnsafeMutableBytes(of: &uuid) { bytes in
                for (index, start) in pairs.enumerated() {
                    guard let high = value(of: utf8[start]), let low = value(of: utf8[start + 1]) else { return false }
                    bytes[index] = high << 4 | low
                }
                return true
            }
            return read ? UUID(uuid: uuid) : nil
        }
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
