import Foundation

/// The bits of a W3C Bitstring Status List: bit `i` is 1 when the credential holding index `i`
/// is revoked. Index 0 is the first byte's most significant bit, as the specification counts.
/// A list has at least 131,072 bits (16 KB), so that one credential's status reveals nothing
/// about how many others exist.
public struct BitstringStatusList: Sendable, Equatable {
    public static let minimumBits = 131_072

    public private(set) var bytes: [UInt8]

    public init(bits: Int = minimumBits) {
        bytes = [UInt8](repeating: 0, count: (max(bits, Self.minimumBits) + 7) / 8)
    }

    /// A list read back from its bytes; nil when it is shorter than the minimum.
    public init?(bytes: [UInt8]) {
        guard bytes.count * 8 >= Self.minimumBits else { return nil }
        self.bytes = bytes
    }

    public var count: Int { bytes.count * 8 }

    /// Nil for an index outside the list.
    public func isSet(_ index: Int) -> Bool? {
        guard (0..<count).contains(index) else { return nil }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    /// Sets or clears bit `index`; false when the index is outside the list.
    @discardableResult
    public mutating func set(_ index: Int, _ value: Bool = true) -> Bool {
        guard (0..<count).contains(index) else { return false }
        if value { bytes[index / 8] |= 0x80 >> UInt8(index % 8) } else { bytes[index / 8] &= ~(0x80 >> UInt8(index % 8)) }
        return true
    }

    /// An index for a new credential: drawn at random among the free ones, so that indices do not
    /// tell in which order credentials were issued. Nil when the list is full.
    public static func freeIndex(size: Int = minimumBits, taken: Set<Int>,
                                 using generator: inout some RandomNumberGenerator) -> Int? {
        guard taken.count < size else { return nil }
        // Random probes find a free index at once while the list is sparse; a full scan decides the rest.
        for _ in 0..<64 {
            let index = Int.random(in: 0..<size, using: &generator)
            if !taken.contains(index) { return index }
        }
        let free = (0..<size).filter { !taken.contains($0) }
        return free.randomElement(using: &generator)
    }
}
