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

    /// `singleLine` (names, titles, anything but a textarea) refuses every control and line
    /// break character, so a name cannot add a line to a mail or reorder text around it.
    /// A multi-line field (a textarea) allows newlines (CRLF becomes LF) and tabs, nothing else of these.
    public static func check(_ value: String?, required: Bool = true, maxLength: Int, singleLine: Bool = true) -> (String, Problem?) {
        var text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !singleLine { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        if text.isEmpty { return (text, required ? .missing : nil) }
        if text.count > maxLength { return (text, .tooLong) }
        let allowed: Set<Unicode.Scalar> = singleLine ? [] : ["\n", "\t"]
        if text.unicodeScalars.contains(where: { isForbidden($0) && !allowed.contains($0) }) {
            return (text, .invalidCharacters)
        }
        return (text, nil)
    }

    /// Not allowed in typed text: C0 and C1 controls (with DEL), the Unicode line and
    /// paragraph separators, and the bidi embeddings, overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069), which can make text display differently from what it says.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The translated message for a problem; "too long" says the limit.
    public static func message(for problem: Problem, maxLength: Int, _ t: (String) -> String) -> String {
        switch problem {
        case .missing: t("form.required")
        case .tooLong: t("form.too_long").replacingOccurrences(of: "{max}", with: String(maxLength))
        case .invalidCharacters: t("form.invalid_characters")
        }
    }
}
