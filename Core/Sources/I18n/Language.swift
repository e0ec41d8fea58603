import Vapor

/// Dutch first, English second.
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
    public func t(_ key: String, _ arguments: String...) -> String {
        application.catalogue.text(key, in: language, arguments)
    }

    private struct LanguageKey: StorageKey { typealias Value = Language }
}
