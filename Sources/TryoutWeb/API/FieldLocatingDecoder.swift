import Foundation

/// Decodes JSON so that a number that does not fit its field (`10.5` or `1e30` where a whole
/// number belongs) is a type mismatch at that field's path. Foundation reports it as "not valid
/// JSON" without a path, which would turn a well-formed body into a 400 naming nothing.
struct FieldLocated<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        value = try Value(from: FieldLocatingDecoder(base: decoder))
    }

    /// `type` at `path`: leaves straight from the JSON decoder, with its failures located;
    /// anything else through the wrapper, so its own leaves are located in turn.
    static func read<T: Decodable>(_ type: T.Type, at path: @autoclosure () -> [any CodingKey],
                                   leaf: () throws -> T, other: () throws -> FieldLocated<T>) throws -> T {
        guard T.self is any JSONLeaf.Type else { return try other().value }
        do {
            return try leaf()
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: path(), debugDescription: "\(error)", underlyingError: error))
        }
    }
}

private struct FieldLocatingDecoder: Decoder {
    let base: any Decoder
    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed(base: try base.container(keyedBy: type)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(base: try base.unkeyedContainer()) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(base: try base.singleValueContainer()) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let base: KeyedDecodingContainer<Key>
        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] { base.allKeys }

        func contains(_ key: Key) -> Bool { base.contains(key) }

        func decodeNil(forKey key: Key) throws -> Bool { try base.decodeNil(forKey: key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try FieldLocated<T>.read(type, at: codingPath + [key], leaf: { try base.decode(type, forKey: key) },
                                     other: { try base.decode(FieldLocated<T>.self, forKey: key) })
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            KeyedDecodingContainer(Keyed<N>(base: try base.nestedContainer(keyedBy: type, forKey: key)))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            Unkeyed(base: try base.nestedUnkeyedContainer(forKey: key))
        }

        func superDecoder() throws -> any Decoder { FieldLocatingDecoder(base: try base.superDecoder()) }

        func superDecoder(forKey key: Key) throws -> any Decoder { FieldLocatingDecoder(base: try base.superDecoder(forKey: key)) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        var base: any UnkeyedDecodingContainer
        var codingPath: [any CodingKey] { base.codingPath }
        var count: Int? { base.count }
        var isAtEnd: Bool { base.isAtEnd }
        var currentIndex: Int { base.currentIndex }

        mutating func decodeNil() throws -> Bool { try base.decodeNil() }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let path = codingPath + [Index(intValue: currentIndex)]
            return try FieldLocated<T>.read(type, at: path, leaf: { try base.decode(type) }, other: { try base.decode(FieldLocated<T>.self) })
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
            KeyedDecodingContainer(Keyed<N>(base: try base.nestedContainer(keyedBy: type)))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(base: try base.nestedUnkeyedContainer()) }

        mutating func superDecoder() throws -> any Decoder { FieldLocatingDecoder(base: try base.superDecoder()) }
    }

    struct Single: SingleValueDecodingContainer {
        let base: any SingleValueDecodingContainer
        var codingPath: [any CodingKey] { base.codingPath }

        func decodeNil() -> Bool { base.decodeNil() }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try FieldLocated<T>.read(type, at: codingPath, leaf: { try base.decode(type) }, other: { try base.decode(FieldLocated<T>.self) })
        }
    }

    struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String { String(intValue ?? 0) }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
