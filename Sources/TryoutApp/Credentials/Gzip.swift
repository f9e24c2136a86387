import CompressNIO
import NIOCore

/// gzip for status lists: ours to publish, and other issuers' to read, never unpacked past a limit.
enum Gzip {
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        let output = try input.compress(with: .gzip())
        return Array(output.readableBytesView)
    }

    /// Nil for anything that is not gzip, or that unpacks to more than `limit` bytes (a list
    /// crafted to exhaust memory).
    static func decompress(_ bytes: [UInt8], limit: Int) -> [UInt8]? {
        var input = ByteBuffer(bytes: bytes)
        guard let output = try? input.decompress(with: .gzip(), maxSize: limit) else { return nil }
        return Array(output.readableBytesView)
    }
}
