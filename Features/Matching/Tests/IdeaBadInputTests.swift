import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// Bad input on ideas gets a clear message and changes nothing; hostile searches never fail;
/// only the author edits, withdraws or converts; a withdrawn idea leaves list and search.
final class IdeaBadInputTests: XCTestCase {
    func testABadIdeaIsRefusedFieldByField() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatima = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl").browser
            let cases: [([String: String], String)] = [
                (["title": "", "body": "Tekst"], "title"),
                (["title": "Titel", "body": ""], "body"),
                (["title": String(repeating: "t", count: 121), "body": "Tekst"], "title"),
                (["title": "Titel", "body": String(repeating: "b", count: 4001)], "body"),
                (["title": "Titel\nmet regel", "body": "Tekst"], "title"),
                (["title": "Titel", "body": "Tekst", "district": "atlantis"], "district"),
                (["title": "Titel", "body": "Tekst", "area": "nergens"], "area"),
                (["title": "Titel", "body": "Tekst", "district": "noord", "area": "de-pijp-rivierenbuurt"], "area"),
                (["title": "Titel", "body": "Tekst", "domains": "geen-domein"], "domains"),
            ]
            for (fields, field) in cases {
                // MUT
                let response = try await fatima.post("/ideeen/nieuw", fields)
                // validation
                XCTAssertEqual(response.status, .badRequest, "\(fields)")
                XCTAssertTrue(response.body.string.contains("id=\"idea-\(field)-error\""), "\(field) says what is wrong: \(fields)")
            }
            let six = ["armoede", "recreatie", "groen", "duurzaamheid", "evenementen", "kunst-cultuur"]
            try await fatima.get("/")
            let body = (["title=Titel", "body=Tekst", "_csrf=\(fatima.csrfToken ?? "")"] + six.map { "domains=\($0)" }).joined(
                separator: "&")
            let tooMany = try await fatima.post("/ideeen/nieuw", rawBody: ByteBuffer(string: body))
            XCTAssertEqual(tooMany.status, .badRequest)
            XCTAssertTrue(tooMany.body.string.contains("id=\"idea-domains-error\""))
            let got1 = try await Idea.query(on: app.db).count()
            XCTAssertEqual(got1, 0)
            let got2 = try await Browser(app).post("/ideeen/nieuw", ["title": "T", "body": "B"]).status
            XCTAssertEqual(got2, .unauthorized)
        }
    }

    func testHostileSearchesAnswerCalmly() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatima = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl").browser
            _ = try await IdeaFixtures.post(fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            let visitor = Browser(app)
            for q in [
                "", "\"", "*", "NEAR(", ":", "-", "' OR 1=1 --", "\"moestuin", "moestuin\" OR \"", "<script>",
                String(repeating: "x ", count: 500),
            ] {
                // MUT
                let response = try await visitor.get("/ideeen?q=\(Browser.encode(q))")
                // validation
                XCTAssertEqual(response.status, .ok, q)
                XCTAssertFalse(response.body.string.contains("<script>"), "typed text is escaped")
            }
            let got3 = try await visitor.get("/ideeen?q=%22*%22").body.string.contains("Typ een woord")
            XCTAssertTrue(got3)
            let got4 = try await visitor.get("/ideeen?q=moestuinen").body.string.contains("<mark>Moestuin</mark> op het plein")
            XCTAssertTrue(got4)
            let got5 = try await visitor.get("/ideeen?pagina=-4").status
            XCTAssertEqual(got5, .ok)
            let got6 = try await visitor.get("/ideeen?pagina=99999999999999999999").status
            XCTAssertEqual(got6, .ok)
        }
    }

    func testOnlyTheAuthorChangesAnIdeaAndAWithdrawnOneIsGone() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatima = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl").browser
            let jan = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl").browser
            let id = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])

            // MUT + validation: another resident cannot edit, withdraw or convert
            let got7 = try await jan.get("/ideeen/\(id)/bewerken").status
            XCTAssertEqual(got7, .notFound)
            let got8 = try await jan.post("/ideeen/\(id)/bewerken", ["title": "Van mij", "body": "Nu"]).status
            XCTAssertEqual(got8, .notFound)
            let got9 = try await jan.post("/ideeen/\(id)/intrekken").status
            XCTAssertEqual(got9, .notFound)
            let got10 = try await jan.post("/ideeen/\(id)/initiatief", ["name": "X"]).status
            XCTAssertEqual(got10, .notFound)
            let got11 = try await fatima.post("/ideeen/\(id)/meedoen").status
            XCTAssertEqual(got11, .seeOther)
            let got12 = try await Idea.find(id, on: app.db)?.supporterCount
            XCTAssertEqual(got12, 0, "an author does not support their own idea")
            let edited = try await fatima.post(
                "/ideeen/\(id)/bewerken", ["title": "Moestuin en kas op het plein", "body": "Samen groente kweken."])
            XCTAssertEqual(edited.status, .seeOther)
            let got13 = try await Idea.find(id, on: app.db)?.title
            XCTAssertEqual(got13, "Moestuin en kas op het plein")
            let got14 = try await Browser(app).get("/ideeen?q=kas").body.string.contains("/ideeen/\(id)")
            XCTAssertTrue(got14, "the index follows an edit")

            // MUT: withdraw (twice: one outcome)
            let got15 = try await fatima.post("/ideeen/\(id)/intrekken").status
            XCTAssertEqual(got15, .seeOther)
            let got16 = try await fatima.post("/ideeen/\(id)/intrekken").status
            XCTAssertEqual(got16, .seeOther)
            // validation
            let got17 = try await jan.get("/ideeen/\(id)").status
            XCTAssertEqual(got17, .notFound)
            let got18 = try await fatima.get("/ideeen/\(id)").status
            XCTAssertEqual(got18, .ok, "its author still reads it")
            let got19 = try await Browser(app).get("/ideeen?q=moestuin").body.string.contains("/ideeen/\(id)")
            XCTAssertFalse(got19)
            let got20 = try await jan.post("/ideeen/\(id)/meedoen").status
            XCTAssertEqual(got20, .notFound)
            let got21 = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(got21, [])
        }
    }
}
