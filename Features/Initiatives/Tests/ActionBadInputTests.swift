import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// An action's form refuses what makes no sense, with a clear message beside the field, and saves
/// nothing: −3 places, "abc", a billion, a date in the past, 5,000 skills.
final class ActionBadInputTests: XCTestCase {
    static let valid: [String: String] = [
        "title": "Flyers uitdelen", "description": "Op de markt.", "kind": "task", "date": "2030-06-01", "time": "10:30",
        "minutes": "90", "district": "centrum", "places": "4",
    ]

    func testBadPlacesMinutesWhenAndPlaceAreRefusedWithAMessage() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            _ = try await ActionFixture.initiative(app, slug: "markt", organiser: organiser)
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")
            let path = InitiativesPath.newAction(.value("markt")).path
            let district = app.reference.districts[0]
            let cases: [(String, String, String)] = [
                ("places", "-3", "Vul een heel getal in, van 1 tot en met 500."),
                ("places", "0", "Vul een heel getal in, van 1 tot en met 500."),
                ("places", "abc", "Vul een heel getal in, van 1 tot en met 500."),
                ("places", "1000000000", "Vul een heel getal in, van 1 tot en met 500."),
                ("minutes", "5", "van 15 tot en met 1440 minuten"),
                ("date", "2020-01-01", "Kies een moment in de toekomst."),
                ("date", "2030-02-30", "Vul een datum en een begintijd in."),
                ("time", "25:00", "Vul een datum en een begintijd in."),
                ("district", "atlantis", "Kies een stadsdeel, of vink online aan."),
                ("area", "niet-hier", "Kies een wijk in het gekozen stadsdeel."),
                ("kind", "feest", "Kies de soort actie."),
                ("title", String(repeating: "x", count: 121), "120"),
                ("skills", "koken<script>", "Gebruik in een vaardigheid alleen"),
                ("skills", String(repeating: "a", count: 61), "hoogstens 60 tekens"),
            ]
            for (field, value, message) in cases {
                var form = Self.valid
                form["district"] = district.slug
                form[field] = value

                // MUT
                let response = try await olga.post(path, form)

                // validation
                XCTAssertEqual(response.status, .badRequest, "\(field)=\(value)")
                XCTAssertTrue(response.body.string.contains(message), "\(field)=\(value): \(message)")
                XCTAssertTrue(response.body.string.contains("id=\"fouten\""), "\(field)=\(value): the error summary")
            }
            let actions = try await InitiativeAction.query(on: app.db).count()
            XCTAssertEqual(actions, 0, "nothing saved")

            // and the valid form saves, as a check of the cases above
            var form = Self.valid
            form["district"] = district.slug
            form["area"] = district.areas[0].slug
            let saved = try await olga.post(path, form)
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let action = try await InitiativeAction.query(on: app.db).first()
            XCTAssertEqual(action?.places, 4)
            XCTAssertNotEqual(action?.slots, 0, "a task sits in its start's cell")
        }
    }

    func testFiveThousandSkillsOnOneActionAreRefusedAndNothingIsSaved() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            _ = try await ActionFixture.initiative(app, slug: "markt", organiser: organiser)
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")
            var form = Self.valid
            form["district"] = app.reference.districts[0].slug
            form["skills"] = (1...5000).map { "s\($0)" }.joined(separator: ",")

            // MUT
            let response = try await olga.post(InitiativesPath.newAction(.value("markt")).path, form)

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("Kies hoogstens 20 vaardigheden."))
            let skills = try await Skill.query(on: app.db).count()
            let actions = try await InitiativeAction.query(on: app.db).count()
            XCTAssertEqual([skills, actions], [0, 0])
        }
    }

    func testATooLongJoinMessageIsRefusedAndNoAskIsMade() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            _ = try await app.makeUser(email: "rachid@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "markt", organiser: organiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Kraam opbouwen")
            let rachid = Browser(app)
            try await rachid.logIn("rachid@example.nl")

            // MUT
            let response = try await rachid.post(
                InitiativesPath.join(.value("markt"), action: .value(action.id!)).path, ["message": String(repeating: "a", count: 501)])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("500"))
            let asks = try await Participation.query(on: app.db).count()
            XCTAssertEqual(asks, 0)
        }
    }
}
