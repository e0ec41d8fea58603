import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The full-text index on the database under test (SQLite, or PostgreSQL with
/// `KRACHT_TEST_DATABASE_URL`): Dutch and English stemming, ranking, snippets, hostile queries.
final class FullTextIndexTests: XCTestCase {
    private let index = FullTextIndex(name: "test_search")

    /// An app with the index holding `documents`; the body gets their ids in order.
    private func withIndex(_ documents: [(title: String, body: String)], _ body: (Application, [UUID]) async throws -> Void) async throws {
        try await withApp(features: []) { app in
            try await index.create(on: app.db)
            var ids: [UUID] = []
            for document in documents {
                let id = UUID()
                try await index.upsert(id: id, title: document.title, body: document.body, on: app.db)
                ids.append(id)
            }
            try await body(app, ids)
        }
    }

    /// The ids a resident's search finds, best first.
    private func search(_ text: String, _ app: Application) async throws -> [UUID] {
        guard let query = SearchQuery(text) else { return [] }
        return try await index.matches(query, limit: 100, on: app.db).map(\.id)
    }

    func testDutchPluralsAndSingularsFindEachOther() async throws {
        // setup
        try await withIndex([
            ("Buurthuis De Pijp", "Koffie en een praatje op dinsdag."),
            ("Groen in Noord", "Wij beheren drie moestuinen met vrijwilligers."),
            ("Huiswerkhulp", "Kinderen krijgen hulp bij hun huiswerk in twee buurthuizen."),
        ]) { app, ids in
            // MUT
            let plural = try await search("buurthuizen", app)
            let singular = try await search("buurthuis", app)
            let garden = try await search("moestuin", app)
            let gardens = try await search("Moestuinen", app)
            let volunteer = try await search("vrijwilliger", app)
            let child = try await search("kind", app)
            let bothWords = try await search("buurthuis koffie", app)
            let oneOfTwoWords = try await search("moestuinen koffie", app)
            // validation
            XCTAssertEqual(Set(plural), [ids[0], ids[2]])
            XCTAssertEqual(Set(singular), [ids[0], ids[2]])
            XCTAssertEqual(garden, [ids[1]])
            XCTAssertEqual(gardens, [ids[1]])
            XCTAssertEqual(volunteer, [ids[1]])
            XCTAssertEqual(child, [ids[2]])
            XCTAssertEqual(bothWords, [ids[0]])
            XCTAssertEqual(oneOfTwoWords, [], "every word must match")
        }
    }

    func testEnglishWordsFindEnglishText() async throws {
        // setup
        try await withIndex([("Community garden", "Growing vegetables together."), ("Taalcafé", "Nederlands oefenen.")]) { app, ids in
            // MUT
            let gardens = try await search("gardens", app)
            let vegetable = try await search("vegetable", app)
            let withoutAccent = try await search("taalcafe", app)
            // validation
            XCTAssertEqual(gardens, [ids[0]])
            XCTAssertEqual(vegetable, [ids[0]])
            XCTAssertEqual(withoutAccent, [ids[1]])
        }
    }

    func testTitleOutranksBodyAndTiesComeInIdOrder() async throws {
        // setup
        try await withIndex([
            ("Samen koken", "Elke week een maaltijd voor de buurt."),
            ("Maaltijden in de buurt", "Wij koken samen."),
            ("Buurtmaaltijd", "Wij koken voor ouderen."),
            ("Soepkeuken", "Wij koken voor ouderen."),
        ]) { app, ids in
            // MUT
            let meal = try await search("maaltijd", app)
            let elderly = try await search("ouderen", app)
            // validation
            XCTAssertEqual(meal, [ids[1], ids[0]])
            XCTAssertEqual(elderly, [ids[2], ids[3]].sorted { $0.uuidString < $1.uuidString })
        }
    }

    func testSnippetsMarkTheWordAndKeepMarkupAsPlainText() async throws {
        // setup
        try await withIndex([
            ("Buurthuis De Pijp", "Open op dinsdag. <script>alert(1)</script> Koffie in het buurthuis voor iedereen."),
            ("Forged \u{E000}highlight\u{E001}", "Nothing \u{E000}here\u{E001} at all about buurthuis."),
        ]) { app, ids in
            let query = try XCTUnwrap(SearchQuery("buurthuizen"))
            // MUT
            let snippets = try await index.snippets(query, ids: ids, on: app.db)
            let none = try await index.snippets(query, ids: [], on: app.db)
            // validation
            let first = try XCTUnwrap(snippets[ids[0]])
            XCTAssertEqual(first.title, [Snippet.Part(text: "Buurthuis", hit: true), Snippet.Part(text: " De Pijp", hit: false)])
            XCTAssertTrue(first.body.contains { $0.hit && $0.text.lowercased() == "buurthuis" }, "\(first.body)")
            let plain = first.body.filter { !$0.hit }.map(\.text).joined()
            XCTAssertTrue(plain.contains("<script>alert(1)</script>"), plain)
            let forged = try XCTUnwrap(snippets[ids[1]])
            XCTAssertEqual(forged.title, [Snippet.Part(text: "Forged highlight", hit: false)])
            XCTAssertEqual(forged.body.filter(\.hit).map(\.text), ["buurthuis"])
            XCTAssertEqual(none, [:])
        }
    }

    func testUpsertReplacesAndRemovedDocumentsAreGone() async throws {
        // setup
        try await withIndex([("Moestuin", "Groente."), ("Buurthuis", "Koffie.")]) { app, ids in
            let before = try await index.count(on: app.db)
            // MUT
            try await index.upsert(id: ids[0], title: "Fietsenmaker", body: "Reparaties.", on: app.db)
            try await index.remove(id: ids[1], on: app.db)
            try await index.remove(id: UUID(), on: app.db)
            // validation
            let after = try await index.count(on: app.db)
            let oldTitle = try await search("moestuin", app)
            let removed = try await search("buurthuis", app)
            let newTitle = try await search("fietsenmaker", app)
            XCTAssertEqual(before, 2)
            XCTAssertEqual(after, 1)
            XCTAssertEqual(oldTitle, [])
            XCTAssertEqual(removed, [])
            XCTAssertEqual(newTitle, [ids[0]])
        }
    }

    func testHostileQueriesNeverThrow() async throws {
        // setup
        try await withIndex([("Buurthuis", "Koffie op dinsdag.")]) { app, ids in
            let hostile = [
                "", " ", "\"", "*", "NEAR(", "NEAR(a b", ":", "-", "' OR 1=1 --", "\"unbalanced", "a\"b\"c\"",
                "title:buurthuis", "buurthuis*", "^buurthuis", "(buurthuis", "buurthuis OR", "AND", "NOT koffie",
                String(repeating: "x", count: 10_000), String(repeating: "ab ", count: 3_400), "🙂🎉", "🙂 buurthuis",
                "\u{E000}buurthuis\u{E001}", "ᏸᏹ", "ª", "١٢٣", "zaterdag\u{0}", "%_\\", "; DROP TABLE test_search; --",
            ]
            // MUT
            for text in hostile {
                _ = try await index.similar(to: text, excluding: nil, limit: 10, on: app.db)
                guard let query = SearchQuery(text) else { continue }
                _ = try await index.matches(query, limit: 10, on: app.db)
                _ = try await index.snippets(query, ids: ids, on: app.db)
            }
            // validation
            let emojiAndWord = try await search("🙂 buurthuis", app)
            let injection = try await search("' OR 1=1 --", app)
            let count = try await index.count(on: app.db)
            XCTAssertNil(SearchQuery("' -- * : \" 🙂"))
            XCTAssertNil(SearchQuery(""))
            XCTAssertEqual(SearchQuery(String(repeating: "x", count: 10_000))?.words.first?.count, SearchQuery.maxWordLength)
            XCTAssertEqual(SearchQuery(String(repeating: "ab ", count: 3_400))?.words.count, SearchQuery.maxWords)
            XCTAssertEqual(emojiAndWord, ids)
            XCTAssertEqual(injection, [])
            XCTAssertEqual(count, 1)
        }
    }

    func testSimilarRanksTheDocumentSharingMoreWordsHigher() async throws {
        // setup
        try await withIndex([
            ("Moestuin in Noord", "Samen groente kweken in een moestuin bij het buurthuis."),
            ("Tuinieren", "Samen groente kweken."),
            ("Schaakclub", "Elke vrijdag schaken."),
        ]) { app, ids in
            // MUT
            let similar = try await index.similar(
                to: "Wij willen een moestuin bij het buurthuis om samen groente te kweken", excluding: nil, limit: 10, on: app.db)
            let excluded = try await index.similar(to: "moestuin groente", excluding: ids[0], limit: 10, on: app.db)
            let stopWordsOnly = try await index.similar(to: "de het een en", excluding: nil, limit: 10, on: app.db)
            // validation
            XCTAssertEqual(similar.map(\.id), [ids[0], ids[1]])
            XCTAssertGreaterThan(similar[0].rank, similar[1].rank)
            XCTAssertEqual(excluded.map(\.id), [ids[1]])
            XCTAssertEqual(stopWordsOnly, [])
        }
    }
}
