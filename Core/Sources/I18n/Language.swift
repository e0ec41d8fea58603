import Vapor

/// Dutch first, English second. What differs per language in code lives here; its texts,
/// including its writing direction (`language.dir`), live in each feature's `<code>.json`.
public enum Language: String, CaseIterable, Codable, Sendable {
    case nl, en

    public static let cookieName = "kracht_lang"

    /// The visitor's choice (cookie), else the browser's preference, else Dutch.
    public static func preferred(by req: Request) -> Language {
        if let chosen = req.cookies[cookieName].flatMap({ Language(rawValue: $0.string) }) { return chosen }
        let accepted = req.headers.first(name: .acceptLanguage) ?? ""
        for part in accepted.split(separator: ",") {
            let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            if let lang = Language(rawValue: String(tag.prefix(2))) { return lang }
        }
        return .nl
    }

    /// CLDR's plural rule for whole numbers: which form a count takes.
    public func pluralCategory(for count: Int) -> PluralCategory {
        switch self {
        case .nl, .en: count == 1 ? .one : .other
        }
    }

    /// The plural forms this language's texts give (CLDR, whole numbers).
    public var pluralCategories: Set<PluralCategory> {
        switch self {
        case .nl, .en: [.one, .other]
        }
    }

    /// For dates and month names.
    public var locale: Locale { Locale(identifier: self == .nl ? "nl_NL" : "en_GB") }

    /// Between thousands: "10.000" in Dutch, "10,000" in English.
    public var groupingSeparator: String { self == .nl ? "." : "," }
}

extension Request {
    /// The language of this request's pages and messages.
    public var language: Language {
        if let lang = storage[LanguageKey.self] { return lang }
        let lang = Language.preferred(by: self)
        storage[LanguageKey.self] = lang
        return lang
    }

    /// A text from the catalogue in this request's language.
    public func t(_ key: String) -> String {
        application.catalogue.text(key, in: language)
    }

    /// A text with named placeholders: `req.t("mail.greeting", ["name": user.name])`.
    public func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        application.catalogue.text(key, in: language, arguments)
    }

    /// A text for a count: its plural form, with `{count}` filled in.
    public func t(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        application.catalogue.text(key, in: language, arguments, count: count)
    }

    private struct LanguageKey: StorageKey { typealias Value = Language }
}
