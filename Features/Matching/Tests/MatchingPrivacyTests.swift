import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives
@testable import Matching

/// A resident's matching data: exported whole, erased on request (what others built on stays,
/// tied to no one), messages and withdrawn ideas forgotten after a year; `verify` notices drift.
final class MatchingPrivacyTests: XCTestCase {
    func testExportThenEraseLeavesNothingOfThePerson() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: Fatima has two ideas (one becomes an initiative), supports Jan's, and they write
            let (fatimaUser, fatima) = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl")
            let (janUser, jan) = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl")
            try await IdeaFixtures.profile(of: fatimaUser, domains: ["armoede"], area: "de-pijp-rivierenbuurt", findable: true, on: app.db)
            let open = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            let grown = try await IdeaFixtures.post(
                fatima, title: "Repair café", body: "Samen spullen maken.", area: nil, domains: ["duurzaamheid"])
            let jans = try await IdeaFixtures.post(jan, title: "Boekenruil", body: "Boeken delen in de buurt.", area: nil, domains: [])
            try await jan.post("/ideeen/\(grown)/meedoen")
            try await fatima.post("/ideeen/\(jans)/meedoen")
            try await jan.post("/ideeen/\(open)/bericht", ["aan": try fatimaUser.requireID().uuidString, "body": "Leuk plan!"])
            try await fatima.post(
                "/ideeen/\(grown)/initiatief",
                ["name": "Repair Café Zuid", "summary": "Samen repareren.", "why": "Minder weggooien.", "domains": "duurzaamheid"])

            // MUT: export
            let got1 = try await MatchingFeature().exportData(of: fatimaUser, app: app)
            let export = try XCTUnwrap(got1)
            let json = String(decoding: try JSONEncoder().encode(export), as: UTF8.self)
            // validation
            for expected in ["Moestuin op het plein", "Repair café", "Boekenruil", "Leuk plan!", "armoede", "\"received\""] {
                XCTAssertTrue(json.contains(expected), "the export holds \(expected)")
            }
            XCTAssertFalse(json.contains("jan@example.nl"), "another person's address is not hers to export")

            // MUT: erase
            try await app.db.transaction { db in try await MatchingFeature().eraseData(of: fatimaUser, on: db) }

            // validation
            let got2 = try await Idea.find(open, on: app.db)
            XCTAssertNil(got2, "her open idea is gone")
            let got3 = try await Idea.find(grown, on: app.db)
            let kept = try XCTUnwrap(got3, "an idea that became an initiative stays")
            XCTAssertNil(kept.authorID)
            let got4 = try await Idea.find(jans, on: app.db)?.supporterCount
            XCTAssertEqual(got4, 0, "her support is gone and counted out")
            let got5 = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(got5, 0)
            let got6 = try await ResidentProfile.query(on: app.db).count()
            XCTAssertEqual(got6, 0)
            let got7 = try await Browser(app).get("/ideeen?q=moestuin").body.string.contains("Moestuin")
            XCTAssertFalse(got7, "out of the index")
            let got8 = try await MatchingFeature().exportData(of: fatimaUser, app: app)
            XCTAssertNil(got8)
            let got9 = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(got9, [])
            _ = janUser
        }
    }

    func testMessagesAndWithdrawnIdeasAreForgottenAfterAYear() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let (fatimaUser, fatima) = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl")
            let jan = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl").browser
            let id = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            let open = try await IdeaFixtures.post(fatima, title: "Boekenruil", body: "Boeken delen.", area: nil, domains: [])
            try await jan.post("/ideeen/\(id)/bericht", ["aan": try fatimaUser.requireID().uuidString, "body": "Leuk plan!"])
            try await fatima.post("/ideeen/\(id)/intrekken")
            let now = Date()

            // MUT: not yet a year
            try await MatchingFeature().purgeExpired(now: now.addingTimeInterval(300 * 86_400), app: app)
            // validation
            let got10 = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(got10, 1)
            let got11 = try await Idea.find(id, on: app.db)
            XCTAssertNotNil(got11)

            // MUT: over a year
            try await MatchingFeature().purgeExpired(now: now.addingTimeInterval(366 * 86_400), app: app)
            // validation
            let got12 = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(got12, 0)
            let got13 = try await Idea.find(id, on: app.db)
            XCTAssertNil(got13, "a withdrawn idea goes after a year")
            let got14 = try await Idea.find(open, on: app.db)
            XCTAssertNotNil(got14, "an open idea stays while it is open")
        }
    }

    func testVerifyNoticesACountOrAnIndexThatDrifted() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatima = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl").browser
            let id = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            let got15 = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(got15, [])
            // MUT
            try await SupportIdea.adjust(id, by: 3, on: app.db)
            try await IdeaSearch.index.remove(id: id, on: app.db)
            let fatimaUser = try await User.query(on: app.db).first()
            let kept = Skill()
            kept.name = "Koken voor groepen"
            kept.normalized = "koken voor groepen"
            kept.createdAt = Date()
            try await kept.create(on: app.db)
            let merged = Skill()
            merged.name = "Koken"
            merged.normalized = "koken"
            merged.createdAt = Date()
            merged.mergedInto = try kept.requireID()
            try await merged.create(on: app.db)
            let stale = ProfileSkill()
            stale.userID = try XCTUnwrap(fatimaUser).requireID()
            stale.skillID = try merged.requireID()
            try await stale.create(on: app.db)
            // validation
            let problems = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(problems.count, 3, "\(problems)")
        }
    }
}
