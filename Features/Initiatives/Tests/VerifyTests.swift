import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// Verify finds a counter that drifted from its tables; recount puts it right.
final class VerifyTests: XCTestCase {
    func testVerifyCatchesATamperedCounterAndRecountSetsItRight() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let olga = try await app.makeUser(name: "Olga", email: "olga@example.nl")
            let fatima = try await app.makeUser(name: "Fatima", email: "fatima@example.nl")
            let initiative = try await fixture.initiative("Buurtkeuken West", organiser: olga, underFlag: true, minutes: 90)
            let action = try await fixture.action(on: initiative, by: olga, places: 1)
            try await fixture.accept(fatima, on: action)
            let awaited1 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited1, [])

            // MUT: someone edits the numbers by hand
            try await app.db.sql.raw("UPDATE initiatives SET confirmed_minutes = 9999, people_connected = 7").run()
            try await app.db.sql.raw("UPDATE initiative_totals SET under_flag = 0").run()
            try await app.db.sql.raw("UPDATE initiative_actions SET accepted_count = 2").run()
            let problems = try await InitiativesFeature().verify(app: app)

            // validation
            // Both actions (the fixture's hours were logged on one) now claim 2 accepted.
            XCTAssertEqual(problems.count, 6, problems.joined(separator: "\n"))
            XCTAssertTrue(problems.contains { $0.contains("confirmed_minutes: stored 9999, counted 90") })
            XCTAssertTrue(problems.contains { $0.contains("people_connected: stored 7, counted 1") })
            XCTAssertTrue(problems.contains { $0.contains("under_flag: stored 0, counted 1") })
            XCTAssertTrue(problems.contains { $0.contains("accepted_count: stored 2, counted 1") })
            XCTAssertTrue(problems.contains { $0.contains("accepted_count: stored 2, counted 0") })
            XCTAssertTrue(problems.contains { $0.contains("above places 1") })

            // MUT
            try await InitiativeCounters.recount(on: app.db)

            // validation
            let awaited2 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited2, [])
            let awaited3 = try await fixture.reload(initiative).confirmedMinutes
            XCTAssertEqual(awaited3, 90)
        }
    }
}
