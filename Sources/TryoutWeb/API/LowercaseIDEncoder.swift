import Foundation
import Vapor

/// Writes JSON answers with every identifier in lower case, as RFC 9562 asks: Foundation's `UUID`
/// writes upper case. Registered for `application/json`, so no DTO (and no new one) can forget it.
struct LowercaseIDEncoder: ContentEncoder {
    private let json: JSONEncoder = {
        let encoder = JSONEncoder.custom(dates: .iso8601)
        // The same answer is the same bytes, so its ETag holds from one request to the next.
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        headers.contentType = .json
        try body.writeBytes(json.encode(LowercaseIDs(value: encodable)))
    }
}

/// Types the JSON coders handle themselves: the primitives, and Foundation's own types whose
/// strategies (dates) apply only when the coder sees them as they are. Everything else is taken
/// apart by the wrappers, so that a `UUID` or an out-of-place number anywhere inside is seen.
protocol JSONLeaf {}
extension String: JSONLeaf {}
extension Bool: JSONLeaf {}
extension Double: JSONLeaf {}
extension Float: JSONLeaf {}
extension Int: JSONLeaf {}
extension Int8: JSONLeaf {}
extension Int16: JSONLeaf {}
extension Int32: JSONLeaf {}
extension Int64: JSONLeaf {}
extension UInt: JSONLeaf {}
extension UInt8: JSONLeaf {}
extension UInt16: JSONLeaf {}
extension UInt32: JSONLeaf {}
extension UInt64: JSONLeaf {}
extension Date: JSONLeaf {}
extension Data: JSONLeaf {}
extension URL: JSONLeaf {}
extension Decimal: JSONLeaf {}

private struct LowercaseIDs<Value: Encodable>: Encodable {
    let value: Value

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: LowercaseIDWriter(base: encoder))
    }

    /// What a container hands on to the JSON encoder for `value`.
    static func passed<T: Encodable>(_ value: T) -> any Encodable {
        if let id = value as? UUID { return id.uuidString.lowercased() }
        if value is any JSONLeaf { return value }
        return LowercaseIDs<T>(value: value)
    }
}

private struct LowercaseIDWriter: Encoder {
    let base: any Encoder
    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed(base: base.container(keyedBy: type)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(base: base.unkeyedContainer()) }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(base: base.singleValueContainer()) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var base: KeyedEncodingContainer<Key>
        var codingPath: [any CodingKey] { base.codingPath }

        mutating func encodeNil(forKey key: Key) throws { try base.encodeNil(forKey: key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try base.encode(LowercaseIDs<T>.passed(value), forKey: key)
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            KeyedEncodingContainer(Keyed<N>(base: base.nestedContainer(keyedBy: type, forKey: key)))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(base: base.nestedUnkeyedContainer(forKey: key))
        }

        mutating func superEncoder() -> any Encoder { LowercaseIDWriter(base: base.superEncoder()) }

        mutating func superEncoder(forKey key: Key) -> any Encoder { LowercaseIDWriter(base: base.superEncoder(forKey: key)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        var base: any UnkeyedEncodingContainer
        var codingPath: [any CodingKey] { base.codingPath }
        var count: Int { base.count }

        mutating func encodeNil() throws { try base.encodeNil() }

        mutating func encode<T: Encodable>(_ value: T) throws { try base.encode(LowercaseIDs<T>.passed(value)) }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
            KeyedEncodingContainer(Keyed<N>(base: base.nestedContainer(keyedBy: type)))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(base: base.nestedUnkeyedContainer()) }

        mutating func superEncoder() -> any Encoder { LowercaseIDWriter(base: base.superEncoder()) }
    }

    struct Single: SingleValueEncodingContainer {
        var base: any SingleValueEncodingContainer
        var codingPath: [any CodingKey] { base.codingPath }

        mutating func encodeNil() throws { try base.encodeNil() }

        mutating func encode<T: Encodable>(_ value: T) throws { try base.encode(LowercaseIDs<T>.passed(value)) }
    }
}
