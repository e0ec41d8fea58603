import Vapor

/// Field errors for a form, as translated messages keyed by field name.
public struct FormErrors: Encodable, Sendable, Equatable {
    public private(set) var fields: [String: String] = [:]
    public var summary: String?

    public init() {}

    public var isEmpty: Bool { fields.isEmpty && summary == nil }

    public mutating func add(_ field: String, _ message: String) {
        if fields[field] == nil { fields[field] = message }
    }
}

/// Checks for the text fields people type: trimmed, required, not too long, no control characters.
public enum TextField {
    public enum Problem: Sendable { case missing, tooLong, invalidCharacters }

    public static func check(_ value: String?, required: Bool = true, maxLength: Int) -> (String, Problem?) {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return (text, required ? .missing : nil) }
        if text.count > maxLength { return (text, .tooLong) }
        if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7f }) {
            return (text, .invalidCharacters)
        }
        return (text, nil)
    }
}

