import Foundation

/// CLDR's plural categories. Dutch and English use `one` and `other`; Arabic uses all six,
/// Polish `one`, `few`, `many`, `other` (https://cldr.unicode.org/index/cldr-spec/plural-rules).
public enum PluralCategory: String, CaseIterable, Codable, Sendable {
    case zero, one, two, few, many, other
}

/// One text in a catalogue: a plain string, or `{"one": "…", "other": "…"}` chosen by a count.
public enum CatalogueEntry: Sendable, Equatable, Decodable {
    case text(String)
    case plural([PluralCategory: String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
            return
        }
        let raw = try container.decode([String: String].self)
        var forms: [PluralCategory: String] = [:]
        for (name, text) in raw {
            guard let category = PluralCategory(rawValue: name) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(name)' is not a plural category")
            }
            forms[category] = text
        }
        guard forms[.other] != nil else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a plural text needs an 'other' form")
        }
        self = .plural(forms)
    }

    /// Every form's text, for checks.
    public var forms: [String] {
        switch self {
        case .text(let text): [text]
        case .plural(let forms): Array(forms.values)
        }
    }

    /// The names of the `{name}` placeholders in any form.
    public var placeholders: Set<String> {
        Set(forms.flatMap { Placeholders.names(in: $0) })
    }
}

/// `{name}` placeholders in a text. The old numbered ones (`{1}`) still work while code moves
/// over to names; the catalogue test refuses new ones.
enum Placeholders {
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.append(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// Replaces each `{name}` by its argument in one pass (so an argument that itself holds
    /// braces, such as a visitor's name, is never filled in again); reports names without one.
    static func fill(_ text: String, _ arguments: [String: String], missing: (String) -> Void) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(after[..<close])
            if let value = arguments[name] {
                result += value
            } else {
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { missing(name) }
                result += "{\(name)}"
            }
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }

    static func isNumbered(_ name: String) -> Bool { name.allSatisfy(\.isNumber) }
}
