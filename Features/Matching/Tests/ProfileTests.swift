import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Matching
import XCTest

/// A resident fills in their profile; bad input gets a message and changes nothing.
final class ProfileTests: XCTestCase {
    let good: [(String, String)] = [
        ("domains", "armoede"), ("domains", "groen"), ("skills", "Koken, fietsen repareren"), ("district", "zuid"),
        ("area", "de-pijp-rivierenbuurt"), ("availability", "2-evening"), ("availability", "6-morning"), ("languages", "nl"),
        ("languages", "ar"), ("findable", "on"),
    ]

    func testAResidentSavesTheirProfileAndSeesItAgain() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let user = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            let form = try await browser.get(MatchingPath.profile.path)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("dinsdagavond"), "each grid checkbox is labelled by its day part, as one word")
            // MUT
            let saved = try await MatchingFixtures.saveProfile(browser, good)
            // validation
            XCTAssertEqual(saved.status, .seeOther)
            XCTAssertEqual(saved.location, MatchingPath.forYou.path)
            let profile = try await ResidentProfile.query(on: app.db).filter(\.$userID == user.requireID()).first()
            XCTAssertEqual(profile?.area, "de-pijp-rivierenbuurt")
            XCTAssertEqual(profile?.findable, true)
            XCTAssertEqual(profile?.digest, false)
            XCTAssertEqual(profile?.languages, "ar,nl")
            let checked1 = try await ProfileSkill.query(on: app.db).count()
            XCTAssertEqual(checked1, 2)
            let checked2 = try await ProfileDomain.query(on: app.db).count()
            XCTAssertEqual(checked2, 2)
            let again = try await browser.get(MatchingPath.profile.path).body.string
            XCTAssertTrue(again.contains("value=\"2-evening\" checked"))
            XCTAssertTrue(again.contains("Koken, fietsen repareren") || again.contains("fietsen repareren, Koken"))

            // MUT: saving again replaces the lists
            try await MatchingFixtures.saveProfile(browser, [("skills", "tuinieren"), ("domains", "groen")])
            // validation
            let checked3 = try await ProfileSkill.query(on: app.db).count()
            XCTAssertEqual(checked3, 1)
            let checked4 = try await ProfileDomain.query(on: app.db).all().map(\.domain)
            XCTAssertEqual(checked4, ["groen"])
            let checked5 = try await ResidentProfile.query(on: app.db).first()?.findable
            XCTAssertEqual(checked5, false)
        }
    }

    func testBadInputGetsAMessageAndSavesNothing() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            _ = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            let fiveThousand = (1...5000).map { "vaardigheid\($0)" }.joined(separator: ",")
            let cases: [(String, [(String, String)], String)] = [
                ("5,000 skills", [("skills", fiveThousand)], "20"),
                ("grid 9-noon", [("availability", "9-noon")], "Kies alleen dagdelen uit de tabel."),
                ("grid x", [("availability", "x")], "Kies alleen dagdelen uit de tabel."),
                ("area outside its district", [("district", "noord"), ("area", "de-pijp-rivierenbuurt")], "ligt niet in Noord"),
                ("unknown area", [("area", "atlantis")], "Kies een gebied uit de lijst."),
                ("unknown district", [("district", "atlantis")], "Kies een stadsdeel uit de lijst."),
                ("unknown domain", [("domains", "armoede"), ("domains", "vliegen")], "Kies alleen onderwerpen uit de lijst."),
                ("unknown language", [("languages", "klingon")], "Kies alleen talen uit de lijst."),
            ]
            for (name, fields, message) in cases {
                // MUT
                let response = try await MatchingFixtures.saveProfile(
                    browser,
                    good.filter { field in
                        !fields.contains { $0.0 == field.0 }
                    } + fields)
                // validation
                XCTAssertEqual(response.status, .badRequest, name)
                XCTAssertTrue(response.body.string.contains(message), "\(name): \(message)")
                XCTAssertTrue(response.body.string.contains("id=\"fouten\""), name)
            }
            let checked6 = try await ResidentProfile.query(on: app.db).count()
            XCTAssertEqual(checked6, 0)
            let checked7 = try await ProfileSkill.query(on: app.db).count()
            XCTAssertEqual(checked7, 0)
            let checked8 = try await Skill.query(on: app.db).count()
            XCTAssertEqual(checked8, 0, "no skill was created for a refused form")

            // MUT: more cells than the grid has
            let flood = (1...90).map { _ in ("availability", "1-morning") }
            let refused = try await MatchingFixtures.saveProfile(browser, flood)
            // validation
            XCTAssertEqual(refused.status, .badRequest)
            let checked9 = try await ResidentProfile.query(on: app.db).count()
            XCTAssertEqual(checked9, 0)
        }
    }

    func testTheExportShowsTheProfileAndErasureRemovesIt() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let user = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            try await MatchingFixtures.saveProfile(browser, good)
            // MUT
            let export = try await ProfileData.export(of: user.requireID(), on: app.db)
            try await ProfileData.erase(of: user.requireID(), on: app.db)
            // validation
            guard case .object(let fields) = export else { return XCTFail("no export") }
            XCTAssertEqual(fields["skills"], .array([.string("Koken"), .string("fietsen repareren")]))
            XCTAssertEqual(fields["area"], .string("de-pijp-rivierenbuurt"))
            let checked10 = try await ResidentProfile.query(on: app.db).count()
            XCTAssertEqual(checked10, 0)
            let checked11 = try await ProfileSkill.query(on: app.db).count()
            XCTAssertEqual(checked11, 0)
            let checked12 = try await ProfileDomain.query(on: app.db).count()
            XCTAssertEqual(checked12, 0)
        }
    }
}
