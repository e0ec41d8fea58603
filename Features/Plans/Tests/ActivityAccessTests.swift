import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// An activity's page is public once a version published it: one added to the draft only is
/// not found (its link may have leaked), one dropped in a later version keeps its page with the
/// notice; coordinators see every activity of the plan.
final class ActivityAccessTests: XCTestCase {
    func testADraftOnlyActivityIsNotFoundButARemovedOneKeepsItsPage() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: v1, then the second activity dropped in v2, then a new one in the draft only
            let plan = try await PlanFixture.draft(app)
            try await PlanFixture.publish(app, plan)
            let activities = try await SupportFixture.activities(app, plan)
            let (kept, dropped) = (activities[0], activities[1])
            dropped.removedAt = app.clock.now()
            try await dropped.save(on: app.db)
            try await PlanFixture.publish(app, plan, note: "Zonder de tweede activiteit.")
            let draftOnly = PlanActivity(
                planID: try plan.requireID(), sectionID: kept.sectionID, position: 1, title: "Geheime buurtactie", now: app.clock.now())
            try await draftOnly.create(on: app.db)
            _ = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
            let resident = Browser(app)
            try await resident.logIn("fatima@example.nl")
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let path = { (activity: PlanActivity) in
                PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID())).path
            }
            let notice = "Deze activiteit staat niet (meer) in de laatste versie van het plan."

            // MUT
            let anonymousDraft = try await Browser(app).get(try path(draftOnly))
            let residentDraft = try await resident.get(try path(draftOnly))
            let coordinatorDraft = try await coordinator.get(try path(draftOnly))
            let anonymousDropped = try await Browser(app).get(try path(dropped))
            let anonymousKept = try await Browser(app).get(try path(kept))

            // validation: the draft-only activity is not there for readers, its title nowhere
            XCTAssertEqual(anonymousDraft.status, .notFound)
            XCTAssertEqual(residentDraft.status, .notFound)
            XCTAssertFalse(residentDraft.body.string.contains("Geheime buurtactie"))
            XCTAssertEqual(coordinatorDraft.status, .ok)
            XCTAssertTrue(coordinatorDraft.body.string.contains("Geheime buurtactie"))
            XCTAssertTrue(coordinatorDraft.body.string.contains(notice))
            // validation: the dropped one keeps its page with the notice; the kept one has none
            XCTAssertEqual(anonymousDropped.status, .ok)
            XCTAssertTrue(anonymousDropped.body.string.contains(notice))
            XCTAssertEqual(anonymousKept.status, .ok)
            XCTAssertFalse(anonymousKept.body.string.contains(notice))
        }
    }
}
