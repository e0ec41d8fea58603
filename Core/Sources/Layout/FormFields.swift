import Foundation

/// A URL-encoded form body, parsed once in one linear pass, with caps on the number of
/// fields and on their lengths. Vapor's generic decoder took minutes on a 1 MB body of
/// repeated fields (`x[]=1&x[]=1…`); this parser stops at the first field over a cap.
public struct FormFields: Sendable, Equatable {
    /// More fields than any of our forms has; a body with more is refused, not read to its end.
    public static let maxFields = 100
    public static let maxNameLength = 100
    /// Characters per value: room above the longest text (500 paper signatures of ~125
    /// characters), so a field says its own limit in a clear message instead of the whole form
    /// being refused. The body limit (1 MB) still bounds the whole form.
    public static let maxValueLength = 65_536

    /// Every field in the order sent, repeated names included.
    public private(set) var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// The value of the last field called `name` (as a repeated name keeps the last value).
    public subscript(name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value sent as `name` or `name[]`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name || $0.name == name + "[]" }.map(\.value)
    }

    public static func == (lhs: FormFields, rhs: FormFields) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The fields of `body`, or nil when it is malformed (a bad `%` escape, invalid UTF-8) or
    /// over a cap. `+` is a space; pairs with an empty name (`=x`, `&&`) are skipped but counted.
    public static func parse(_ body: some Collection<UInt8>) -> FormFields? {
        var pairs: [(name: String, value: String)] = []
        var count = 0
        var start = body.startIndex
        while start != body.endIndex {
            let end = body[start...].firstIndex(of: UInt8(ascii: "&")) ?? body.endIndex
            let pair = body[start..<end]
            start = end == body.endIndex ? end : body.index(after: end)
            if pair.isEmpty { continue }
            count += 1
            guard count <= maxFields else { return nil }
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let rawValue = equals == pair.endIndex ? pair[equals...] : pair[pair.index(after: equals)...]
            guard let name = decode(pair[..<equals], maxLength: maxNameLength),
                let value = decode(rawValue, maxLength: maxValueLength)
            else { return nil }
            if !name.isEmpty { pairs.append((name, value)) }
        }
        return FormFields(pairs)
    }

    /// One name or value: `+` and `%XX` decoded, then checked to be UTF-8 of at most
    /// `maxLength` characters. A character takes at most 12 bytes encoded (4 bytes, each `%XX`),
    /// so longer input is refused before any work.
    static func decode(_ raw: some Collection<UInt8>, maxLength: Int) -> String? {
        guard raw.count <= maxLength * 12 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index != raw.endIndex {
            let byte = raw[index]
            index = raw.index(after: index)
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != raw.endIndex, let high = hexValue(raw[index]) else { return nil }
                index = raw.index(after: index)
                guard index != raw.endIndex, let low = hexValue(raw[index]) else { return nil }
                index = raw.index(after: index)
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        // Counting characters is needed only when the bytes could exceed the limit.
        if bytes.count > maxLength && text.count > maxLength { return nil }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
