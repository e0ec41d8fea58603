import Foundation
import SQLKit

/// SQLite: one FTS5 table. Porter over unicode61 stems English words and folds diacritics in
/// every column; the hidden `stems` and `title_stems` columns hold the Dutch stems of body and
/// title, so each query word is searched as itself OR its Dutch stem. `doc_id` is the UUID's string.
struct SQLiteFullText: FullTextEngine {
    let table: String
    let db: any SQLDatabase

    func create() async throws {
        try await db.raw(
            """
            CREATE VIRTUAL TABLE IF NOT EXISTS \(ident: table) USING fts5(
                doc_id UNINDEXED, title, body, stems, title_stems,
                tokenize = 'porter unicode61 remove_diacritics 2')
            """
        ).run()
    }

    func drop() async throws {
        try await db.raw("DROP TABLE IF EXISTS \(ident: table)").run()
    }

    func upsert(id: UUID, title: String, body: String, stems: (title: String, body: String)) async throws {
        try await remove(id: id)
        try await db.raw(
            """
            INSERT INTO \(ident: table) (doc_id, title, body, stems, title_stems)
            VALUES (\(bind: id.uuidString), \(bind: title), \(bind: body), \(bind: stems.body), \(bind: stems.title))
            """
        ).run()
    }

    func remove(id: UUID) async throws {
        try await db.raw("DELETE FROM \(ident: table) WHERE doc_id = \(bind: id.uuidString)").run()
    }

    func matches(_ terms: [SearchTerm], all: Bool, excluding: UUID?, limit: Int) async throws -> [FullTextMatch] {
        let exclusion: SQLQueryString = excluding.map { "AND doc_id <> \(bind: $0.uuidString)" } ?? ""
        // bm25 is lower for better matches; the title (and its stems) weighs ten times the body.
        let rows = try await db.raw(
            """
            SELECT doc_id, bm25(\(ident: table), 0, 10.0, 1.0, 1.0, 10.0) AS score FROM \(ident: table)
            WHERE \(ident: table) MATCH \(bind: Self.matchExpression(terms, all: all)) \(exclusion)
            ORDER BY score, doc_id LIMIT \(literal: limit)
            """
        ).all()
        return try rows.compactMap { row in
            guard let id = UUID(uuidString: try row.decode(column: "doc_id", as: String.self)) else { return nil }
            return FullTextMatch(id: id, rank: -(try row.decode(column: "score", as: Double.self)))
        }
    }

    func snippets(_ terms: [SearchTerm], ids: [UUID]) async throws -> [UUID: (title: String, body: String)] {
        let start = String(HighlightMarkers.start), end = String(HighlightMarkers.end)
        let idList = ids.map { "\(bind: $0.uuidString)" as SQLQueryString }.joined(separator: ", ")
        let rows = try await db.raw(
            """
            SELECT doc_id, highlight(\(ident: table), 1, \(bind: start), \(bind: end)) AS title,
                snippet(\(ident: table), 2, \(bind: start), \(bind: end), '…', 24) AS body
            FROM \(ident: table)
            WHERE \(ident: table) MATCH \(bind: Self.matchExpression(terms, all: false)) AND doc_id IN (\(idList))
            """
        ).all()
        var result: [UUID: (title: String, body: String)] = [:]
        for row in rows {
            guard let id = UUID(uuidString: try row.decode(column: "doc_id", as: String.self)) else { continue }
            result[id] = (try row.decode(column: "title", as: String.self), try row.decode(column: "body", as: String.self))
        }
        return result
    }

    func count() async throws -> Int {
        try await db.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// An FTS5 query of quoted terms only: each word OR its Dutch stem, AND-ed (or all OR-ed).
    /// The words hold only letters and digits, so the quotes cannot be broken out of.
    static func matchExpression(_ terms: [SearchTerm], all: Bool) -> String {
        let groups = terms.map { term in
            let word = quoted(term.word), stem = quoted(term.stem)
            return term.stem == term.word ? word : "(\(word) OR \(stem))"
        }
        return groups.joined(separator: all ? " AND " : " OR ")
    }

    private static func quoted(_ word: String) -> String {
        "\"" + word.filter { $0.isLetter || $0.isNumber } + "\""
    }
}
