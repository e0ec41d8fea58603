import Foundation
import Vapor

/// One catalogue of texts per language (`Resources/Locales/<lang>.json`), keys
/// prefixed by feature. Placeholders are `{1}`, `{2}`, … in argument order.
public struct Catalogue: Sendable {
    private let texts: [Language: [String: String]]

    public init(texts: [Language: [String: String]]) { self.texts = texts }

    public static func load(from directory: String) throws -> Catalogue {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("\(language.rawValue).json")
            texts[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Catalogue(texts: texts)
    }

    public func text(_ key: String, in language: Language, _ arguments: [String] = []) -> String {
        var text = texts[language]?[key] ?? texts[.nl]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index + 1)}", with: argument)
        }
        return text
    }
}

extension Application {
    public var catalogue: Catalogue {
        get { storage[CatalogueKey.self] ?? Catalogue(texts: [:]) }
        set { storage[CatalogueKey.self] = newValue }
    }
    private struct CatalogueKey: StorageKey { typealias Value = Catalogue }
}
