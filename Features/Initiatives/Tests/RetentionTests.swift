import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// What no longer counts goes after its period; what counts stays.
final class RetentionTests: XCTestCase {
    func testDeclinedJoinsRejectedHoursRemovedAppreciationsAndRejectedInitiativesArePurged() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(accepting: ["Bram", "Fatima"])
            let (olga, initiative, action, bram, declined) =
                (kitchen.olga, kitchen.initiative, kitchen.action, kitchen.residents[0], kitchen.participations[1])
            try await app.db.sql.raw("UPDATE initiative_actions SET accepted_count = 1").run()
            declined.state = .declined
            try await declined.save(on: app.db)
            try await fixture.hours(minutes: 60, on: action, user: bram, state: .rejected)
            try await fixture.hours(minutes: 30, on: action, user: bram, state: .confirmed)
            let rejected = try await fixture.initiative("Afgewezen plan", organiser: olga, status: .rejected)
            let appreciation = Appreciation()
            appreciation.initiativeID = try initiative.requireID()
            appreciation.userID = try bram.requireID()
            appreciation.rating = 1
            appreciation.text = "Niet aardig"
            appreciation.state = .removed
            appreciation.reportCount = 3
            appreciation.kept = false
            appreciation.createdAt = Date()
            appreciation.decidedAt = Date()
            try await appreciation.create(on: app.db)

            // MUT: a day after the appreciation's 90 days, then after a year
            try await InitiativesRetention.purge(now: Date().addingTimeInterval(89 * 86_400), on: app.db)
            let awaited1 = try await Appreciation.query(on: app.db).count()
            XCTAssertEqual(awaited1, 1, "kept 90 days")
            try await InitiativesRetention.purge(now: Date().addingTimeInterval(91 * 86_400), on: app.db)
            let awaited2 = try await Appreciation.query(on: app.db).count()
            XCTAssertEqual(awaited2, 0)
            let awaited3 = try await Participation.query(on: app.db).count()
            XCTAssertEqual(awaited3, 2, "a declined join stays a year")
            try await InitiativesRetention.purge(now: Date().addingTimeInterval(366 * 86_400), on: app.db)

            // validation
            let awaited4 = try await Participation.query(on: app.db).all().map(\.state)
            XCTAssertEqual(awaited4, [.accepted])
            let awaited5 = try await VolunteerHours.query(on: app.db).all().map(\.state)
            XCTAssertEqual(awaited5, [.confirmed])
            let awaited6 = try await Initiative.find(rejected.requireID(), on: app.db)
            XCTAssertNil(awaited6)
            let awaited7 = try await Initiative.find(initiative.requireID(), on: app.db)
            XCTAssertNotNil(awaited7)
            let awaited8 = try await fixture.reload(initiative).confirmedMinutes
            XCTAssertEqual(awaited8, 30)
            let awaited9 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited9, [])
        }
    }
}
