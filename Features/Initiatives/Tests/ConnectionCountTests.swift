import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// A resident accepted on many actions is counted once in the plan's indicator and once per
/// initiative, however many actions they join.
final class ConnectionCountTests: XCTestCase {
    func testAPersonIsCountedOncePerInitiativeAndOnceInThePlan() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup: Rachid is accepted on an action of the buurtkeuken
            let organiser = try await app.makeUser(name: "Olga Organisator", email: "olga@example.nl")
            let resident = try await app.makeUser(name: "Rachid Bewoner", email: "rachid@example.nl")
            let first = try await ActionFixture.initiative(app, slug: "buurtkeuken-west", organiser: organiser)
            let cooking = try await ActionFixture.action(app, of: first, title: "Koken voor de buurt")
            try await ActionFixture.joinAndAccept(app, resident, cooking, by: organiser)

            // MUT: a second action of the same initiative
            let second = try await ActionFixture.action(app, of: first, title: "Afwassen")
            try await ActionFixture.joinAndAccept(app, resident, second, by: organiser)

            // validation
            let connectedAfterSecondAction = try await InitiativeTotals.current(on: app.db).peopleConnected
            XCTAssertEqual(connectedAfterSecondAction, 1)
            let firstAfterSecondAction = try await Initiative.find(first.id, on: app.db)?.peopleConnected
            XCTAssertEqual(firstAfterSecondAction, 1)

            // MUT: an action of a second initiative
            let other = try await ActionFixture.initiative(app, slug: "taalcafe-noord", organiser: organiser)
            let third = try await ActionFixture.action(app, of: other, title: "Taalmaatje")
            try await ActionFixture.joinAndAccept(app, resident, third, by: organiser)

            // validation
            let connectedAfterSecondInitiative = try await InitiativeTotals.current(on: app.db).peopleConnected
            XCTAssertEqual(connectedAfterSecondInitiative, 1, "one person, counted once in the plan's indicator")
            let connectedToFirst = try await Initiative.find(first.id, on: app.db)?.peopleConnected
            XCTAssertEqual(connectedToFirst, 1)
            let connectedToOther = try await Initiative.find(other.id, on: app.db)?.peopleConnected
            XCTAssertEqual(connectedToOther, 1, "and once for the second initiative")
            let accepted = try await Participation.query(on: app.db).filter(\.$state == .accepted).count()
            XCTAssertEqual(accepted, 3)
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
