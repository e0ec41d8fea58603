import Vapor

/// A form's problems: each field's translated message, shown beside it, and a summary at the
/// top of the form that lists every problem as a link to its field (GOV.UK's error summary;
/// `Core/Views/partials/error-summary.leaf`). Render the page with `errors:` so that its title
/// starts with "Fout:".
///
/// A form's action ends in `#fouten` (`summaryAnchor`), the summary's id: after a refused post
/// the browser scrolls to the summary and focuses it (it has `tabindex="-1"`), and a redirect
/// after success carries the fragment to a page without it, which stays at its top. (The
/// fragment must name the summary itself: a fragment naming any other element turns the
/// summary's `autofocus` off.)
public struct FormErrors: Encodable, Sendable, Equatable {
    /// The id of the summary, and the fragment of every form's action.
    public static let summaryAnchor = "fouten"

    /// Each field's message, by field name, for the message beside the field.
    public private(set) var fields: [String: String] = [:]
    /// A problem of the form as a whole (a wrong password, too fast), first in the summary.
    public var summary: String?
    /// Which of a page's forms the errors belong to (its `FormLayout.id`), so a page with several
    /// shows the summary at the right one.
    public private(set) var form: String?
    /// The summary's lines, in the form's order, each linking to its field.
    public private(set) var items: [Item] = []

    public struct Item: Encodable, Sendable, Equatable {
        public var field: String
        /// `#` and the id of the field's input.
        public var href: String
        /// The field's label, so that "Fill in this field" says which one.
        public var label: String?
        public var message: String
    }

    public init() {}

    /// Errors that are about the form as a whole, with no field to point at.
    public init(summary: String, form: String? = nil) {
        self.summary = summary
        self.form = form
    }

    public var isEmpty: Bool { fields.isEmpty && summary == nil }

    /// The first message for a field wins: it is the one to fix first.
    public mutating func add(_ field: String, _ message: String) {
        guard fields[field] == nil else { return }
        fields[field] = message
        items.append(Item(field: field, href: "#\(field)", label: nil, message: message))
    }

    /// These errors as `form` shows them: in its fields' order, linking to its inputs' ids, each
    /// with its label; fields the layout does not know stay last, linking to the form.
    public func on(_ form: FormLayout, _ t: (String) -> String) -> FormErrors {
        var laidOut = self
        laidOut.form = form.id
        let position = Dictionary(form.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        laidOut.items = items.sorted { (position[$0.field] ?? .max) < (position[$1.field] ?? .max) }.map { item in
            guard let field = form.fields.first(where: { $0.name == item.field }) else {
                return Item(field: item.field, href: "#\(form.id)", label: nil, message: item.message)
            }
            return Item(field: item.field, href: "#\(field.id)", label: t(field.labelKey), message: item.message)
        }
        return laidOut
    }
}

/// A form as its page shows it: the form's id (its errors' anchor) and its fields in order, each
/// with the id of its input and the key of its label. Declared once beside the controller that
/// renders the form, and used with `FormErrors.on(_:_:)`.
public struct FormLayout: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var id: String
        public var labelKey: String

        /// A field named `name` whose input has the id `id` (the name when not given).
        public static func field(_ name: String, id: String? = nil, label: String) -> Field {
            Field(name: name, id: id ?? name, labelKey: label)
        }
    }

    public var id: String
    public var fields: [Field]

    public init(id: String, _ fields: [Field]) {
        self.id = id
        self.fields = fields
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
