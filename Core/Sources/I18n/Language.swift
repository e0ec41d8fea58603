import Vapor

/// Dutch first, English second: every page speaks both (`site`). A feature may offer more
/// languages on its pages (the fund's help: Arabic, Turkish, Polish) by giving a `<code>.json`
/// beside its Dutch one, and Core gives the layout's texts in them. What differs per language
/// in code lives here (plural rules, number formats); its texts, including its writing
/// direction (`language.dir`), live in the catalogues.
public enum Language: String, CaseIterable, Codable, Sendable {
    case nl, en, ar, tr, pl

    public static let cookieName = "kracht_lang"

    /// The languages every page has (and mail to an account holder is in).
    public static let site: [Language] = [.nl, .en]

    /// The visitor's choice (cookie), else the browser's preference, else Dutch; among the
    /// languages `offered` by this page (a Turkish visitor on a page in Dutch and English only
    /// gets the first of those their browser accepts, else Dutch).
    public static func preferred(by req: Request, offered: [Language] = site) -> Language {
        let (chosen, accepted) = asked(by: req)
        if let chosen, offered.contains(chosen) { return chosen }
        return accepted.first(where: offered.contains) ?? .nl
    }

    /// What the visitor asks for: the language they chose (cookie), and the ones their browser
    /// accepts, in its order (at most its first 20 entries). Both decide a page's language, so
    /// both key a shared page (`PageCacheMiddleware`).
    public static func asked(by req: Request) -> (chosen: Language?, accepted: [Language]) {
        let chosen = req.cookies[cookieName].flatMap { Language(rawValue: $0.string) }
        var accepted: [Language] = []
        for part in (req.headers.first(name: .acceptLanguage) ?? "").split(separator: ",").prefix(20) {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if let language = Language(rawValue: String(tag.prefix(2))), !accepted.contains(language) { accepted.append(language) }
        }
        return (chosen, accepted)
    }

    /// CLDR's plural rule for whole numbers: which form a count takes.
    public func pluralCategory(for count: Int) -> PluralCategory {
        let n = abs(count)
        switch self {
        case .nl, .en, .tr: return n == 1 ? .one : .other
        case .ar:
            switch (n, n % 100) {
            case (0, _): return .zero
            case (1, _): return .one
            case (2, _): return .two
            case (_, 3...10): return .few
            case (_, 11...99): return .many
            default: return .other
            }
        case .pl:
            if n == 1 { return .one }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return .few }
            return .many
        }
    }

    /// The plural forms this language's texts give (CLDR). Polish's `other` is for fractions,
    /// which counts never are, but CLDR lists it and translators expect it.
    public var pluralCategories: Set<PluralCategory> {
        switch self {
        case .nl, .en, .tr: [.one, .other]
        case .ar: [.zero, .one, .two, .few, .many, .other]
        case .pl: [.one, .few, .many, .other]
        }
    }

    /// For dates and month names.
    public var locale: Locale {
        switch self {
        case .nl: Locale(identifier: "nl_NL")
        case .en: Locale(identifier: "en_GB")
        // Western digits: amounts and dates read the same as on the Dutch letters people bring.
        case .ar: Locale(identifier: "ar@numbers=latn")
        case .tr: Locale(identifier: "tr_TR")
        case .pl: Locale(identifier: "pl_PL")
        }
    }

    /// Between thousands: "10.000" in Dutch and Turkish, "10,000" in English and Arabic, "10 000" in Polish.
    public var groupingSeparator: String {
        switch self {
        case .nl, .tr: "."
        case .en, .ar: ","
        case .pl: "\u{00A0}"
        }
    }

    /// Before the decimals: "1,5" in Dutch, Turkish and Polish, "1.5" in English and Arabic.
    public var decimalSeparator: String {
        switch self {
        case .nl, .tr, .pl: ","
        case .en, .ar: "."
        }
    }

    /// The language a missing text is taken from: English for the languages beyond the site's
    /// two (more of their speakers read English than Dutch), Dutch for English.
    public var fallback: Language? {
        switch self {
        case .nl: nil
        case .en: .nl
        case .ar, .tr, .pl: .en
        }
    }
}

extension Request {
    /// The language of this request's pages and messages, among those its page offers.
    public var language: Language {
        if let lang = storage[LanguageKey.self] { return lang }
        let lang = Language.preferred(by: self, offered: offeredLanguages)
        storage[LanguageKey.self] = lang
        return lang
    }

    /// The languages this request's page is in: the site's two, or more where a route group
    /// says so (`OffersLanguages`). The language switch lists these.
    public var offeredLanguages: [Language] {
        get { storage[OfferedKey.self] ?? Language.site }
        set {
            storage[OfferedKey.self] = newValue
            storage[LanguageKey.self] = nil
        }
    }

    /// Speaks `language` on this request unless the visitor chose one (the `kracht_lang` cookie,
    /// among the languages offered): a page about something written in one language (a fund
    /// case) opens in it, not in the browser's. A language this page does not offer is ignored.
    public func useLanguageUnlessChosen(_ language: Language) {
        let offered = offeredLanguages
        let chosen = cookies[Language.cookieName].flatMap { Language(rawValue: $0.string) }
        guard offered.contains(language), !(chosen.map(offered.contains) ?? false) else { return }
        storage[LanguageKey.self] = language
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
    private struct OfferedKey: StorageKey { typealias Value = [Language] }
}

/// Offers more languages than the site's two on a group of pages whose feature gives texts in
/// them: `routes.grouped(OffersLanguages(Language.allCases))`.
public struct OffersLanguages: AsyncMiddleware {
    public let languages: [Language]
    public init(_ languages: [Language]) { self.languages = languages }

    public func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        req.offeredLanguages = languages
        return try await next.respond(to: req)
    }
}
