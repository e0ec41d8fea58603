import Fluent
import Foundation
import SQLKit

/// A full-text index over one kind of public document (initiatives, ideas) in the database's
/// own engine: SQLite FTS5 (`unicode61 remove_diacritics 2` with Porter for English words, plus
/// the document's Dutch stems from `DutchStemmer`), PostgreSQL `tsvector` with the `dutch` and
/// `english` configurations and a GIN index. Dutch stemming makes "buurthuizen" find "buurthuis"
/// on both. Only what is public goes in: callers add a document when it becomes public and
/// remove it when it stops being so.
///
/// User text reaches the engines only as bound parameters, and as query terms only after
/// `SearchQuery` (or `SearchWords`) left nothing but letters and digits.
public struct FullTextIndex: Sendable {
    /// The index's table (and on SQLite its FTS5 virtual table), e.g. `initiative_search`.
    public let name: String
    /// The most ids `matches` and `similar` return.
    public static let maxResults = 1000

    public init(name: String) {
        // The name goes into SQL as an identifier: only a plain one is accepted.
        precondition(!name.isEmpty && name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        self.name = name
    }

    /// Creates the index's tables; run from the owning feature's migration.
    public func create(on db: any Database) async throws {
        try await engine(db).create()
    }

    public func drop(on db: any Database) async throws {
        try await engine(db).drop()
    }

    /// Adds or replaces one document: `title` weighs more than `body`. Highlight markers are
    /// taken out of the text first, so a document cannot forge a highlight.
    public func upsert(id: UUID, title: String, body: String, on db: any Database) async throws {
        let title = HighlightMarkers.strip(title)
        let body = HighlightMarkers.strip(body)
        // Stems of the title and of the body apart, so a title found by its stem still weighs most.
        let stems = (title: DutchStemmer.stems(of: title).joined(separator: " "), body: DutchStemmer.stems(of: body).joined(separator: " "))
        try await engine(db).upsert(id: id, title: title, body: body, stems: stems)
    }

    public func remove(id: UUID, on db: any Database) async throws {
        try await engine(db).remove(id: id)
    }

    /// The documents matching every word of the query (stemmed), best first; ties by id.
    public func matches(_ query: SearchQuery, limit: Int, on db: any Database) async throws -> [FullTextMatch] {
        let terms = query.words.map(SearchTerm.init)
        return try await engine(db).matches(terms, all: true, excluding: nil, limit: Self.clamp(limit))
    }

    /// The documents sharing the most (stemmed) words with `text`, best first — similar ideas.
    public func similar(to text: String, excluding: UUID?, limit: Int, on db: any Database) async throws -> [FullTextMatch] {
        let terms = SearchWords.significant(in: text).map(SearchTerm.init)
        guard !terms.isEmpty else { return [] }
        return try await engine(db).matches(terms, all: false, excluding: excluding, limit: Self.clamp(limit))
    }

    /// Highlighted excerpts of the given documents for the query (title and body), for the page shown.
    public func snippets(_ query: SearchQuery, ids: [UUID], on db: any Database) async throws -> [UUID: Snippet] {
        let ids = Array(Set(ids).prefix(Self.maxResults))
        guard !ids.isEmpty else { return [:] }
        let marked = try await engine(db).snippets(query.words.map(SearchTerm.init), ids: ids)
        return marked.mapValues { Snippet(title: HighlightMarkers.parts($0.title), body: HighlightMarkers.parts($0.body)) }
    }

    /// How many documents are in the index (for `verify`).
    public func count(on db: any Database) async throws -> Int {
        try await engine(db).count()
    }

    private static func clamp(_ limit: Int) -> Int { min(max(limit, 0), maxResults) }

    private func engine(_ db: any Database) -> any FullTextEngine {
        let sql = db as! any SQLDatabase
        if (db as? any SQLDatabase)?.dialect.name == "postgresql" { return PostgresFullText(table: name, db: sql) }
        return SQLiteFullText(table: name, db: sql)
    }
}

/// One search word and its Dutch stem (often the same).
struct SearchTerm: Hashable {
    var word: String
    var stem: String
    init(_ word: String) {
        self.word = word
        self.stem = DutchStemmer.stem(word)
    }
}

/// What each database does; `all` ANDs the terms (a search), else ORs them (similar documents).
protocol FullTextEngine {
    func create() async throws
    func drop() async throws
    func upsert(id: UUID, title: String, body: String, stems: (title: String, body: String)) async throws
    func remove(id: UUID) async throws
    func matches(_ terms: [SearchTerm], all: Bool, excluding: UUID?, limit: Int) async throws -> [FullTextMatch]
    /// Title and body with hits between `HighlightMarkers.start` and `.end`.
    func snippets(_ terms: [SearchTerm], ids: [UUID]) async throws -> [UUID: (title: String, body: String)]
    func count() async throws -> Int
}

/// A resident's search words, made safe for either engine: only letters and digits survive
/// (no FTS or SQL syntax can get through), at most `maxWords` words of at most `maxWordLength`
/// characters; nil when no word is left.
public struct SearchQuery: Sendable, Hashable {
    public static let maxWords = 8
    public static let maxWordLength = 64
    /// The words as typed (lower-cased), for the page.
    public let words: [String]

    public init?(_ text: String) {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.prefix(Self.maxWords)
            .map { String($0.prefix(Self.maxWordLength)) }
        guard !words.isEmpty else { return nil }
        self.words = words
    }
}

public struct FullTextMatch: Sendable, Hashable {
    public var id: UUID
    /// Higher is better.
    public var rank: Double
    public init(id: UUID, rank: Double) {
        self.id = id
        self.rank = rank
    }
}

/// An excerpt split into plain and matched parts, so a view marks the matches with `<mark>`
/// while escaping every part: no text from the index is ever output unescaped.
public struct Snippet: Sendable, Encodable, Hashable {
    public struct Part: Sendable, Encodable, Hashable {
        public var text: String
        public var hit: Bool
        public init(text: String, hit: Bool) {
            self.text = text
            self.hit = hit
        }
    }
    public var title: [Part]
    public var body: [Part]
    public init(title: [Part], body: [Part]) {
        self.title = title
        self.body = body
    }
}
