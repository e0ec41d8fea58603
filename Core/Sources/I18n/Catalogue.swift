import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The texts of every feature, merged: each feature keeps one file per language
/// (`<folder>/<lang>.json`), keys prefixed by feature. A text names its placeholders
/// (`{name}`, `{count}`) and may have plural forms chosen by a count (`CatalogueEntry`).
///
/// A missing text is a bug. In production the visitor gets it in the language's fallback
/// (English for Arabic, Turkish and Polish; Dutch for English), else the key, and the log says
/// so once per key; a strict catalogue (the `testing` environment) also records it, and
/// `withApp` fails the test that caused it.
public struct Catalogue: Sendable {
    private let entries: [Language: [String: CatalogueEntry]]
    private let strict: Bool
    private let problems = Problems()

    public init(entries: [Language: [String: CatalogueEntry]], strict: Bool = false) {
        self.entries = entries
        self.strict = strict
    }

    public init(texts: [Language: [String: String]], strict: Bool = false) {
        self.init(entries: texts.mapValues { $0.mapValues(CatalogueEntry.text) }, strict: strict)
    }

    /// Merges the catalogues in `directories`; a key defined twice is an error. Every part has
    /// the site's languages; a file in another language is there only where a part offers it.
    public static func load(from directories: [String], strict: Bool = false) throws -> Catalogue {
        var entries: [Language: [String: CatalogueEntry]] = [:]
        for language in Language.allCases {
            var merged: [String: CatalogueEntry] = [:]
            for directory in directories {
                let url = URL(fileURLWithPath: directory).appendingPathComponent("\(language.rawValue).json")
                if !Language.site.contains(language), !FileManager.default.fileExists(atPath: url.path) { continue }
                let part: [String: CatalogueEntry]
                do {
                    part = try JSONDecoder().decode([String: CatalogueEntry].self, from: Data(contentsOf: url))
                } catch {
                    throw "cannot read the texts in \(url.path): \(error)"
                }
                try merged.merge(part) { _, _ in throw "a text key is defined twice (in \(url.path))" }
            }
            entries[language] = merged
        }
        return Catalogue(entries: entries, strict: strict)
    }

    /// This catalogue with `more` texts, e.g. for a made-up feature in a test.
    public func adding(_ more: [Language: [String: String]]) -> Catalogue {
        var entries = entries
        for (language, texts) in more { entries[language, default: [:]].merge(texts.mapValues(CatalogueEntry.text)) { $1 } }
        return Catalogue(entries: entries, strict: strict)
    }

    /// Whether the first language has `key` (for keys that arrive from outside, such as a flash cookie).
    public func has(_ key: String) -> Bool { entries[.nl]?[key] != nil }

    public func entry(_ key: String, in language: Language) -> CatalogueEntry? { entries[language]?[key] }

    /// The keys of one language, for checks.
    public func keys(in language: Language) -> Set<String> { Set(entries[language].map { Array($0.keys) } ?? []) }

    /// The text of `key` with its `{name}` placeholders filled from `arguments`. With a `count`,
    /// a plural text picks the language's form for it, and `{count}` is the count, grouped.
    public func text(_ key: String, in language: Language, _ arguments: [String: String] = [:], count: Int? = nil) -> String {
        var arguments = arguments
        if let count, arguments["count"] == nil {
            arguments["count"] = Money.group(Int64(count), separator: language.groupingSeparator)
        }
        let raw = form(of: key, in: language, count: count)
        // Asked for without arguments, a text keeps its placeholders for a caller that fills them in itself.
        guard !arguments.isEmpty else { return raw }
        return Placeholders.fill(raw, arguments) { name in problem("the text \(key) (\(language.rawValue)) has no argument {\(name)}") }
    }

    private func form(of key: String, in language: Language, count: Int?) -> String {
        var found = entries[language]?[key]
        var fallback = language.fallback
        if found == nil { problem("the text \(key) is missing in \(language.rawValue)") }
        while found == nil, let next = fallback {
            found = entries[next]?[key]
            fallback = next.fallback
        }
        switch found {
        case nil:
            return key
        case .text(let text):
            return text
        case .plural(let forms):
            guard let count else {
                problem("the text \(key) has plural forms but was asked for without a count")
                return forms[.other] ?? key
            }
            return forms[language.pluralCategory(for: count)] ?? forms[.other] ?? key
        }
    }

    private func problem(_ description: String) {
        if problems.note(description), !strict {
            Logger(label: "kracht.i18n").warning("\(description)")
        }
    }

    /// In a strict catalogue, the problems seen since the last call (and forgets them).
    public func takeProblems() -> [String] { strict ? problems.take() : [] }

    /// Remembers what went wrong, once each; bounded, since a key may come from a request.
    private final class Problems: Sendable {
        private let seen = NIOLockedValueBox<(all: Set<String>, new: [String])>(([], []))

        /// True the first time `description` is seen.
        func note(_ description: String) -> Bool {
            seen.withLockedValue { seen in
                guard seen.all.count < 1000, seen.all.insert(description).inserted else { return false }
                seen.new.append(description)
                return true
            }
        }

        func take() -> [String] {
            seen.withLockedValue { seen in
                defer { seen.new = [] }
                return seen.new
            }
        }
    }
}

extension Application {
    public var catalogue: Catalogue {
        get { storage[CatalogueKey.self] ?? Catalogue(texts: [:]) }
        set { storage[CatalogueKey.self] = newValue }
    }
    private struct CatalogueKey: StorageKey { typealias Value = Catalogue }
}
