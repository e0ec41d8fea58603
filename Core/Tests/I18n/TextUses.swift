import Foundation
import KrachtCore

/// The catalogues and the code that uses them, read from the package's folders: `Core` and each
/// `Features/<Name>` is one part, with its `Locales`, `Sources` and `Views`.
struct CataloguePart {
    var name: String
    var folder: URL
    var locales: URL { folder.appendingPathComponent("Locales") }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Core, then every feature folder that exists.
    static func all() throws -> [CataloguePart] {
        let features = packageRoot.appendingPathComponent("Features")
        let names = try FileManager.default.contentsOfDirectory(atPath: features.path).filter { !$0.hasPrefix(".") }.sorted()
        return [CataloguePart(name: "Core", folder: packageRoot.appendingPathComponent("Core"))]
            + names.map { CataloguePart(name: $0, folder: features.appendingPathComponent($0)) }
    }

    /// The part's texts in `language` as the app reads them, or nil where the part has no file for it.
    func texts(in language: Language) throws -> [String: CatalogueEntry]? {
        let url = locales.appendingPathComponent("\(language.rawValue).json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode([String: CatalogueEntry].self, from: Data(contentsOf: url))
    }

    /// The part's Swift sources and Leaf views, with their text.
    func code() -> [(path: String, text: String, isView: Bool)] {
        ["Sources", "Views"].flatMap { sub in
            files(under: folder.appendingPathComponent(sub), ending: sub == "Views" ? ".leaf" : ".swift")
                .map { (path: $0.path, text: (try? String(contentsOf: $0, encoding: .utf8)) ?? "", isView: sub == "Views") }
        }
    }

    private func files(under url: URL, ending: String) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.path.hasSuffix(ending) }
    }
}

/// How code names a text. The honest rule for keys built at run time: a key counts as used when
///  - it is a whole string literal anywhere in sources or views (`messageKey: "account.confirmed"`,
///    a `switch` that returns keys, …);
///  - or an interpolated literal builds it: `"indicator.\(key)"` uses every `indicator.<word>`,
///    `"role.\(rawValue)"` every `role.<word>` (one segment per interpolation);
///  - or a used literal plus a literal suffix appended in code builds it: `key + ".title"`.
/// A literal in a place that must be a key (`#t("…")`, `t("…")`, `text("…")`, `…Key: "…"`) must exist.
struct TextUses {
    var literals: Set<String> = []
    var patterns: [NSRegularExpression] = []
    var suffixes: Set<String> = []
    /// (file, key or pattern) in a place that must name a text.
    var required: [(file: String, key: String)] = []

    private static let literal = try! NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
    private static let keyShape = try! NSRegularExpression(pattern: #"^[a-z][a-z0-9_]*(\.[a-z0-9_\u0000]+)+$"#)
    private static let keyPlaces = try! NSRegularExpression(
        pattern: #"(?:#t\(|\bt\(|\.text\(|[a-z]Key:\s*)\s*"((?:[^"\\\n]|\\.)*)""#)
    private static let leafTag = try! NSRegularExpression(pattern: #"#[A-Za-z_]+\((?:[^()"\n]|"[^"\n]*")*\)"#)
    private static let suffix = try! NSRegularExpression(pattern: #"\+\s*"(\.[a-z0-9_.]+)""#)

    /// A view's literals are read only inside its tags (`#t("…")`): in `aria-label="#t("…")"` the
    /// attribute's quotes would pair up wrongly. Comments in Swift are skipped (examples in docs).
    mutating func scan(file: String, _ text: String) {
        let text =
            file.hasSuffix(".leaf")
            ? Self.matches(Self.leafTag, in: text, group: 0).joined(separator: "\n")
            : text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
        for content in Self.matches(Self.literal, in: text) {
            let (shape, holes) = Self.shape(of: content)
            guard Self.looksLikeKey(shape) else { continue }
            if holes == 0 {
                literals.insert(shape)
            } else if let regex = Self.regex(for: shape) {
                patterns.append(regex)
            }
        }
        suffixes.formUnion(Self.matches(Self.suffix, in: text))
        for content in Self.matches(Self.keyPlaces, in: text) {
            let shape = Self.shape(of: content).shape
            if Self.looksLikeKey(shape) { required.append((file, shape)) }
        }
    }

    func isUsed(_ key: String) -> Bool {
        literals.contains(key)
            || patterns.contains { $0.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil }
            || suffixes.contains { key.hasSuffix($0) && literals.contains(String(key.dropLast($0.count))) }
    }

    /// Whether a key in a must-be-a-key place names a text in `keys` (any, for an interpolated one).
    static func names(_ key: String, in keys: Set<String>) -> Bool {
        guard key.contains("\u{0}") else { return keys.contains(key) }
        guard let regex = regex(for: key) else { return false }
        return keys.contains { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
    }

    /// The literal with each `\(…)` replaced by NUL, and how many there were.
    static func shape(of content: String) -> (shape: String, holes: Int) {
        var shape = ""
        var holes = 0
        var characters = content.makeIterator()
        while let character = characters.next() {
            guard character == "\\" else {
                shape.append(character)
                continue
            }
            guard let next = characters.next() else { break }
            guard next == "(" else {
                shape.append(character)
                shape.append(next)
                continue
            }
            holes += 1
            shape.append("\u{0}")
            var depth = 1
            while depth > 0, let inner = characters.next() {
                if inner == "(" { depth += 1 } else if inner == ")" { depth -= 1 }
            }
        }
        return (shape, holes)
    }

    private static func looksLikeKey(_ shape: String) -> Bool {
        keyShape.firstMatch(in: shape, range: NSRange(shape.startIndex..., in: shape)) != nil
    }

    private static func regex(for shape: String) -> NSRegularExpression? {
        let parts = shape.split(separator: "\u{0}", omittingEmptySubsequences: false).map {
            NSRegularExpression.escapedPattern(for: String($0))
        }
        return try? NSRegularExpression(pattern: "^" + parts.joined(separator: "[a-z0-9_]+") + "$")
    }

    private static func matches(_ regex: NSRegularExpression, in text: String, group: Int = 1) -> [String] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }
}
