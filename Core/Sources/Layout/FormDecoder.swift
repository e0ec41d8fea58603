import Foundation

/// Decodes a form struct from parsed `FormFields`: the flat shapes our forms use (String,
/// integers, Bool, Double, UUID, string enums, their optionals, `[String]`), nothing nested.
/// A repeated name gives its last value, or all of them for `[String]` (`name` or `name[]`).
/// An absent or empty field is nil for an optional; a value of the wrong type is an error.
public enum FormDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from fields: FormFields) throws -> T {
        try T(from: FieldsDecoder(fields: fields))
    }
}

private struct FieldsDecoder: Decoder {
    let fields: FormFields
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FieldsContainer<Key>(fields: fields))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw FormValue.unsupported(codingPath) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw FormValue.unsupported(codingPath) }
}

private struct FieldsContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: FormFields
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { fields.pairs.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool { !fields.values(key.stringValue).isEmpty }
    func decodeNil(forKey key: Key) throws -> Bool { fields.values(key.stringValue).last?.isEmpty ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if T.self == [String].self { return fields.values(key.stringValue) as! T }
        guard let raw = fields.values(key.stringValue).last else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no field \(key.stringValue)"))
        }
        return try T(from: FormValue(raw: raw, codingPath: [key]))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: key).value }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(Wrapped<String>.self, forKey: key).value }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(Wrapped<Double>.self, forKey: key).value }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(Wrapped<Float>.self, forKey: key).value }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Wrapped<Int>.self, forKey: key).value }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Wrapped<Int8>.self, forKey: key).value }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(Wrapped<Int16>.self, forKey: key).value }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Wrapped<Int32>.self, forKey: key).value }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Wrapped<Int64>.self, forKey: key).value }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Wrapped<UInt>.self, forKey: key).value }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(Wrapped<UInt8>.self, forKey: key).value }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(Wrapped<UInt16>.self, forKey: key).value }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(Wrapped<UInt32>.self, forKey: key).value }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(Wrapped<UInt64>.self, forKey: key).value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw FormValue.unsupported([key])
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw FormValue.unsupported([key]) }
    func superDecoder() throws -> any Decoder { throw FormValue.unsupported([]) }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw FormValue.unsupported([key]) }
}

/// Routes the keyed container's concrete overloads through the generic path.
private struct Wrapped<Value: Decodable>: Decodable {
    let value: Value
    init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
}

/// One field's text, as a decoder for the value types built from a single string.
private struct FormValue: Decoder, SingleValueDecodingContainer {
    let raw: String
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func unsupported(_ path: [any CodingKey]) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: path, debugDescription: "forms hold flat fields only"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw Self.unsupported(codingPath) }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.unsupported(codingPath) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { raw.isEmpty }
    func decode(_ type: String.Type) throws -> String { raw }
    /// What a checkbox or a select sends.
    func decode(_ type: Bool.Type) throws -> Bool {
        switch raw.lowercased() {
        case "1", "true", "on", "yes": return true
        case "0", "false", "off", "no": return false
        default: throw mismatch(type)
        }
    }
    func decode(_ type: Double.Type) throws -> Double { try number(type) }
    func decode(_ type: Float.Type) throws -> Float { try number(type) }
    func decode(_ type: Int.Type) throws -> Int { try number(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try number(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try number(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try number(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try number(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try number(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try number(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try number(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try number(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try number(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }

    private func number<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
        guard let value = T(raw.trimmingCharacters(in: .whitespaces)) else { throw mismatch(type) }
        return value
    }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "not a \(type): \(raw.prefix(40))"))
    }
}
