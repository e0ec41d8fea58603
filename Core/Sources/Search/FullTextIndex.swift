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
/// OWNER: the search helper (this is the API the features code against; keep the signatures).
public struct FullTextIndex: Sendable {
    /// The index's table (and on SQLite its FTS5 virtual table), e.g. `initiative_search`.
    public let name: String

    public init(name: String) { self.name = name }

    /// Creates the index's tables; run from the owning feature's migration.
    public func create(on db: any Database) async throws {}

    public func drop(on db: any Database) async throws {}

    /// Adds or replaces one document: `title` weighs more than `body`.
    public func upsert(id: UUID, title: String, body: String, on db: any Database) async throws {}

    public func remove(id: UUID, on db: any Database) async throws {}

    /// The documents matching every word of the query (stemmed), best first.
    public func matches(_ query: SearchQuery, limit: Int, on db: any Database) async throws -> [FullTextMatch] { [] }

    /// The documents sharing the most (stemmed) words with `text`, best first — similar ideas.
    public func similar(to text: String, excluding: UUID?, limit: Int, on db: any Database) async throws -> [FullTextMatch] { [] }

    /// Highlighted excerpts of the given documents for the query (title and body), for the page shown.
    public func snippets(_ query: SearchQuery, ids: [UUID], on db: any Database) async throws -> [UUID: Snippet] { [:] }

    /// How many documents are in the index (for `verify`).
    public func count(on db: any Database) async throws -> Int { 0 }
}

/// A resident's search words, made safe for either engine: only letters and digits survive
/// (no FTS or SQL syntax can get through), at most `maxWords` words; nil when no word is left.
public struct SearchQuery: Sendable, Hashable {
    public static let maxWords = 8
    /// The words as typed (lower-cased), for the page.
    public let words: [String]

    public init?(_ text: String) {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.prefix(Self.maxWords).map(String.init)
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
