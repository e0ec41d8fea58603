import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The index at the scale (2,000 initiatives), on the database under test: every query finds
/// exactly the documents holding its words in any form, the limit holds, snippets mark the hits.
/// How fast it is, is measured by `scripts/bench/initiatives.sh` (search p50), not here.
final class FullTextScaleTests: XCTestCase {
    /// Three topic words a document (each in about one document in ten), among filler words.
    private static let topics = [
        "buurthuis", "moestuinen", "koffie", "kinderen", "huiswerk", "ouderen", "taalcafé", "fietsen",
        "repareren", "koken", "wandelen", "schoonmaken", "bomen", "muziek", "voetbal", "lezen",
        "vrijwilligers", "eenzaamheid", "buren", "community", "garden", "repair", "energie",
        "zonnepanelen", "voedselbank", "kleding", "speeltuin", "dieren", "kunst", "theater",
    ]

    private static func topics(of n: Int) -> Set<String> {
        Set((0..<3).map { topics[(n * 7 + $0 * 11) % topics.count] })
    }

    func testEveryQueryFindsExactlyTheDocumentsWithItsWordsAmongTwoThousand() async throws {
        try await withApp(features: []) { app in
            // setup
            let index = FullTextIndex(name: "scale_search")
            try await index.create(on: app.db)
            let filler = (0..<300).map { "woord\($0)" }
            let ids = (0..<2_000).map { _ in UUID() }
            try await app.db.transaction { db in
                for (n, id) in ids.enumerated() {
                    let topic = Self.topics(of: n).sorted()
                    let body = (0..<80).map { filler[(n * 31 + $0 * 17) % filler.count] } + topic
                    try await index.upsert(id: id, title: "Initiatief \(n) \(topic[0])", body: body.joined(separator: " "), on: db)
                }
            }
            func holding(_ words: Set<String>) -> Set<UUID> {
                Set(ids.indices.filter { words.isSubset(of: Self.topics(of: $0)) }.map { ids[$0] })
            }
            // The query in another form than the text: plural for singular and back. Snippets mark a
            // word whose form in the text is the query's stem (not yet a plural for a singular query).
            let queries: [(text: String, words: Set<String>, marked: Bool)] = [
                ("buurthuizen", ["buurthuis"], true), ("moestuin", ["moestuinen"], false),
                ("vrijwilliger", ["vrijwilligers"], false), ("buurthuizen schoonmaken", ["buurthuis", "schoonmaken"], true),
            ]

            // MUT
            for (text, words, marked) in queries {
                let query = try XCTUnwrap(SearchQuery(text))
                let found = try await index.matches(query, limit: FullTextIndex.maxResults, on: app.db)
                let first = try await index.matches(query, limit: 20, on: app.db)
                let snippets = try await index.snippets(query, ids: first.map(\.id), on: app.db)

                // validation
                let expected = holding(words)
                XCTAssertFalse(expected.isEmpty, text)
                XCTAssertEqual(Set(found.map(\.id)), expected, text)
                XCTAssertEqual(first.count, min(20, expected.count), "\(text): the limit holds")
                XCTAssertEqual(first.map(\.id), Array(found.prefix(first.count).map(\.id)), "\(text): the same order")
                XCTAssertEqual(snippets.count, first.count, text)
                if marked {
                    XCTAssertTrue(snippets.values.allSatisfy { ($0.title + $0.body).contains(where: \.hit) }, "\(text): a hit marked")
                }
            }
            let count = try await index.count(on: app.db)
            XCTAssertEqual(count, 2_000)
        }
    }
}
