import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// What initiatives hold on a person: all of it in their export and nobody else's; erased with
/// their account while every count stays right.
final class PrivacyTests: XCTestCase {
    func testTheExportHoldsThePersonsRowsAndNoOneElses() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(accepting: ["Fatima", "Bram"])
            let (olga, action, fatima, bram) = (kitchen.olga, kitchen.action, kitchen.residents[0], kitchen.residents[1])
            try await fixture.hours(minutes: 75, on: action, user: fatima, state: .confirmed)
            try await fixture.hours(minutes: 45, on: action, user: bram, state: .pending)

            // MUT
            let export = try await InitiativesPersonalData.export(of: fatima, on: app.db)
            let organiserExport = try await InitiativesPersonalData.export(of: olga, on: app.db)

            // validation
            let text = String(decoding: try JSONEncoder().encode(export), as: UTF8.self)
            XCTAssertTrue(text.contains("Koken op dinsdag"))
            XCTAssertTrue(text.contains("\"minutes\":75"))
            XCTAssertTrue(text.contains("Ik kook graag."))
            XCTAssertTrue(text.contains("Buurtkeuken West"), "the membership names its initiative")
            XCTAssertFalse(text.contains("\"minutes\":45"), "Bram's hours are not in Fatima's export")
            XCTAssertFalse(text.contains("Bram"))
            let organiserText = String(decoding: try JSONEncoder().encode(organiserExport), as: UTF8.self)
            XCTAssertTrue(organiserText.contains("\"initiator\":true"))
            XCTAssertFalse(organiserText.contains("Ik kook graag."), "participants' notes are not the organiser's data")
        }
    }

    func testErasingAnAccountKeepsTheCountsAndLeavesVerifyClean() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(accepting: ["Fatima"])
            let (olga, initiative, action, fatima) = (kitchen.olga, kitchen.initiative, kitchen.action, kitchen.residents[0])
            try await fixture.hours(minutes: 75, reached: 4, on: action, user: fatima, state: .confirmed)
            let follow = InitiativeFollow()
            follow.initiativeID = try initiative.requireID()
            follow.userID = try fatima.requireID()
            follow.createdAt = Date()
            try await follow.create(on: app.db)
            let awaited1 = try await fixture.reload(initiative).peopleConnected
            XCTAssertEqual(awaited1, 1)

            // MUT: Fatima, then the organiser, delete their accounts
            for person in [fatima, olga] {
                let outcome = try await AccountData(app: app).delete(person, password: "correct horse battery")
                XCTAssertEqual("\(outcome)", "deleted")
            }

            // validation
            let kept = try await fixture.reload(initiative)
            XCTAssertEqual(kept.confirmedMinutes, 75, "the hours still count")
            XCTAssertEqual(kept.peopleReached, 4)
            XCTAssertEqual(kept.peopleConnected, 0, "she is no longer a member")
            let awaited2 = try await InitiativeTotals.current(on: app.db).peopleConnected
            XCTAssertEqual(awaited2, 1, "the plan's count keeps her, nameless")
            let awaited3 = try await InitiativeAction.find(action.requireID(), on: app.db)?.acceptedCount
            XCTAssertEqual(awaited3, 0, "her place on the weekly shift is free again (ErasureWithdrawsTests)")
            let awaited4 = try await Participation.query(on: app.db).all().map(\.userID)
            XCTAssertEqual(awaited4, [nil])
            let awaited5 = try await Participation.query(on: app.db).all().map(\.message)
            XCTAssertEqual(awaited5, [nil])
            let awaited6 = try await VolunteerHours.query(on: app.db).all().map(\.userID)
            XCTAssertEqual(awaited6, [nil])
            let awaited7 = try await InitiativeFollow.query(on: app.db).count()
            XCTAssertEqual(awaited7, 0)
            let awaited8 = try await InitiativeOrganiser.query(on: app.db).count()
            XCTAssertEqual(awaited8, 0)
            let awaited9 = try await Initiative.find(initiative.requireID(), on: app.db)
            XCTAssertNotNil(awaited9, "an initiative without organisers stays")
            let awaited10 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited10, [])
        }
    }
}
