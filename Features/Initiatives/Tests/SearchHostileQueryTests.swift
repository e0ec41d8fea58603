import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Whatever is typed in the search box, the page answers: FTS and SQL syntax, empty and
/// wordless queries, absurd filters and page numbers; matches are marked, never raw HTML.
final class SearchHostileQueryTests: XCTestCase {
    func testHostileQueriesNeverFail() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let slug = try await InitiativeForms.approved(app, name: "Voedselbank <b>Noord</b>", organiser: "anna@example.nl")
            let visitor = Browser(app)
            let hostile = [
                "\"", "*", "NEAR(", ":", "-", "' OR 1=1 --", "\"buurt", "buurt\"\"", "(", ")", "AND", "OR NOT", "^", "{}", "%",
                "\\", "\u{0}", String(repeating: "x ", count: 500), "🙂", "voedsel*", "title:voedsel", "-voedsel",
            ]

            for query in hostile {
                // MUT
                let response = try await visitor.get("/initiatieven?q=" + Browser.encode(query))
                // validation
                XCTAssertEqual(response.status, .ok, "q=\(query.prefix(20))")
            }
            let empty = try await visitor.get("/initiatieven?q=")
            XCTAssertTrue(empty.body.string.contains("/initiatieven/\(slug)"), "an empty query lists all")
            let noWords = try await visitor.get("/initiatieven?q=" + Browser.encode("' -- *"))
            XCTAssertTrue(noWords.body.string.contains("Typ een woord"))
            let odd = try await visitor.get("/initiatieven?pagina=-4&domein=x&stadsdeel=%00&vlag=ja")
            XCTAssertEqual(odd.status, .ok)
            let found = try await visitor.get("/initiatieven?q=voedselbank")
            XCTAssertTrue(found.body.string.contains("&lt;b&gt;"), "the name is escaped")
            XCTAssertFalse(found.body.string.contains("<b>Noord"), "never raw HTML")
        }
    }

    func testFiltersAndPages() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let (district, area) = InitiativeForms.place(app)
            let domain = app.reference.domains[1].slug
            _ = try await InitiativeForms.approved(
                app, name: "Schoon Park", organiser: "anna@example.nl", district: district, area: area, domains: [domain], underFlag: true)
            _ = try await InitiativeForms.approved(app, name: "Andere Zaak", organiser: "anna@example.nl")
            let visitor = Browser(app)

            // MUT
            let all = try await visitor.get("/initiatieven")
            let byDistrict = try await visitor.get("/initiatieven?stadsdeel=\(district)")
            let byDomain = try await visitor.get("/initiatieven?domein=\(domain)")
            let flagged = try await visitor.get("/initiatieven?vlag=1")

            // validation
            XCTAssertTrue(all.body.string.contains("2 initiatieven"))
            for filtered in [byDistrict, byDomain, flagged] {
                XCTAssertTrue(filtered.body.string.contains("1 initiatief"))
                XCTAssertTrue(filtered.body.string.contains("Schoon Park"))
                XCTAssertFalse(filtered.body.string.contains("Andere Zaak"))
            }
        }
    }
}
