import Foundation
import SQLKit

/// PostgreSQL: a table with a weighted `tsvector` under a GIN index — the title (A) and the body
/// (B) in both the `dutch` and `english` configurations, and their `DutchStemmer` stems (title A,
/// body C), since Snowball's Dutch alone keeps "buurthuiz" apart from "buurthuis".
struct PostgresFullText: FullTextEngine {
    let table: String
    let db: any SQLDatabase

    func create() async throws {
        try await db.raw(
            """
            CREATE TABLE IF NOT EXISTS \(ident: table) (
                doc_id uuid PRIMARY KEY, title text NOT NULL, body text NOT NULL, document tsvector NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX IF NOT EXISTS \(ident: table + "_document") ON \(ident: table) USING gin (document)").run()
        // The planner prices `@@` as nearly free and scans every tsvector once a word is in a tenth
        // of the documents (8-13 ms at 2,000 initiatives, against 3 ms through the GIN index):
        // the ranked search runs in a function that keeps it on the index.
        try await db.raw(
            """
            CREATE OR REPLACE FUNCTION \(ident: table + "_matches")(q tsquery, excluded uuid, max integer)
            RETURNS TABLE (doc_id uuid, rank real) LANGUAGE sql STABLE SET enable_seqscan = off AS $$
                SELECT t.doc_id, ts_rank_cd(t.document, q) AS rank FROM \(ident: table) t
                WHERE t.document @@ q AND t.doc_id IS DISTINCT FROM excluded
                ORDER BY rank DESC, t.doc_id LIMIT max
            $$
            """
        ).run()
    }

    func drop() async throws {
        try await db.raw("DROP FUNCTION IF EXISTS \(ident: table + "_matches")(tsquery, uuid, integer)").run()
        try await db.raw("DROP TABLE IF EXISTS \(ident: table)").run()
    }

    func upsert(id: UUID, title: String, body: String, stems: (title: String, body: String)) async throws {
        try await db.raw(
            """
            INSERT INTO \(ident: table) (doc_id, title, body, document)
            VALUES (\(bind: id), \(bind: title), \(bind: body),
                setweight(to_tsvector('dutch', \(bind: title)), 'A') || setweight(to_tsvector('english', \(bind: title)), 'A')
                || setweight(to_tsvector('dutch', \(bind: body)), 'B') || setweight(to_tsvector('english', \(bind: body)), 'B')
                || setweight(to_tsvector('dutch', \(bind: stems.title)), 'A') || setweight(to_tsvector('dutch', \(bind: stems.body)), 'C'))
            ON CONFLICT (doc_id) DO UPDATE
            SET title = excluded.title, body = excluded.body, document = excluded.document
            """
        ).run()
    }

    func remove(id: UUID) async throws {
        try await db.raw("DELETE FROM \(ident: table) WHERE doc_id = \(bind: id)").run()
    }

    func matches(_ terms: [SearchTerm], all: Bool, excluding: UUID?, limit: Int) async throws -> [FullTextMatch] {
        let excluded: SQLQueryString = excluding.map { "\(bind: $0)" } ?? "NULL"
        let rows = try await db.raw(
            """
            SELECT doc_id, rank FROM \(ident: table + "_matches")(\(Self.query(terms, all: all)), \(excluded), \(literal: limit))
            """
        ).all()
        return try rows.map { row in
            FullTextMatch(id: try row.decode(column: "doc_id", as: UUID.self), rank: Double(try row.decode(column: "rank", as: Float.self)))
        }
    }

    func snippets(_ terms: [SearchTerm], ids: [UUID]) async throws -> [UUID: (title: String, body: String)] {
        let markers = "StartSel=\"\(HighlightMarkers.start)\", StopSel=\"\(HighlightMarkers.end)\""
        let idList = ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
        // ts_headline turns anything tag-like into a space: "<" is shielded so the text stays as written.
        func headline(_ column: String, _ options: String) -> SQLQueryString {
            let shield = String(HighlightMarkers.shield)
            return """
                replace(ts_headline('dutch', replace(\(ident: column), '<', \(bind: shield)), \(Self.query(terms, all: false)),
                    \(bind: markers + ", " + options)), \(bind: shield), '<') AS \(ident: column)
                """
        }
        let rows = try await db.raw(
            """
            SELECT doc_id, \(headline("title", "HighlightAll=true")),
                \(headline("body", "MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=\" … \""))
            FROM \(ident: table) WHERE doc_id IN (\(idList))
            """
        ).all()
        var result: [UUID: (title: String, body: String)] = [:]
        for row in rows {
            result[try row.decode(column: "doc_id", as: UUID.self)] = (
                try row.decode(column: "title", as: String.self), try row.decode(column: "body", as: String.self)
            )
        }
        return result
    }

    func count() async throws -> Int {
        try await db.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Per word: its Dutch and English lexemes or its `DutchStemmer` stem, every word a bind;
    /// the words AND-ed for a search, OR-ed for similar documents.
    /// Parenthesised whole, as `@@` binds tighter than `&&` and `||`.
    static func query(_ terms: [SearchTerm], all: Bool) -> SQLQueryString {
        let words = terms.map { term -> SQLQueryString in
            "(plainto_tsquery('dutch', \(bind: term.word)) || plainto_tsquery('english', \(bind: term.word)) || plainto_tsquery('dutch', \(bind: term.stem)))"
        }
        return "(\(words.joined(separator: all ? " && " : " || ")))"
    }
}
