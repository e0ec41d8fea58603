import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// The plan's figures from initiatives, read from the maintained totals.
final class IndicatorTests: XCTestCase {
    func testIndicatorsCountPublicInitiativesPeopleOrganisersAndTheValueOfHours() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let olga = try await app.makeUser(name: "Olga", email: "olga@example.nl")
            let piet = try await app.makeUser(name: "Piet", email: "piet@example.nl")
            let first = try await fixture.initiative("Taalcafe Noord", organiser: olga, underFlag: true, minutes: 90)
            try await fixture.initiative("Buurtkeuken West", organiser: olga)
            try await fixture.initiative("Nog niet goedgekeurd", organiser: piet, status: .pending, underFlag: true)
            let action = try await fixture.action(on: first, by: olga)
            try await fixture.accept(piet, on: action)

            // MUT
            let values = Dictionary(
                uniqueKeysWithValues: try await app.indicators.values(app: app).map { ($0.key, $0) })

            // validation
            XCTAssertEqual(values["initiatives"]?.value, 2)
            XCTAssertEqual(values["initiatives_under_flag"]?.value, 1)
            XCTAssertEqual(values["initiatives_under_flag"]?.target, 5, "the key matches the plan's targets")
            XCTAssertEqual(values["active_organisers"]?.value, 1, "Olga once; Piet's initiative is not public")
            XCTAssertEqual(values["active_organisers"]?.target, 25)
            XCTAssertEqual(values["people_connected"]?.value, 1)
            XCTAssertEqual(values["volunteer_minutes"]?.value, 90)
            XCTAssertEqual(values["volunteer_value_cents"]?.value, 3471)
            XCTAssertEqual(values["volunteer_value_cents"]?.unit, "euro cents")
            let home = try await Browser(app).get("/").body.string
            XCTAssertTrue(home.contains("Vind waar je past"))
            XCTAssertTrue(home.contains("mens verbonden aan een initiatief"), "the figure beside the button")
            let awaited1 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited1, [])
        }
    }
}
