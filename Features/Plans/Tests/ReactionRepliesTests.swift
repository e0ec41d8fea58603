import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// A long thread: the section page shows the latest twenty answers of a reaction and links to the
/// reaction's own view, which shows them all.
final class ReactionRepliesTests: XCTestCase {
    func testALongThreadShowsTheLatestTwentyAnswersAndLinksToAllOfThem() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: a reaction with 25 answers (written straight: the rate limit is not under test)
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID()
            let writer = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let start = app.clock.now()
            let top = PlanReaction(
                planID: try plan.requireID(), sectionID: section, activityID: nil, parentID: nil, versionNumber: 1,
                userID: try writer.requireID(), asMovement: false, body: "Wie doet er mee?", now: start)
            try await top.create(on: app.db)
            for n in 1...25 {
                try await PlanReaction(
                    planID: try plan.requireID(), sectionID: section, activityID: nil, parentID: try top.requireID(), versionNumber: 1,
                    userID: try writer.requireID(), asMovement: false, body: "Antwoord nummer \(n).",
                    now: start.addingTimeInterval(TimeInterval(n))
                ).create(on: app.db)
            }
            plan.reactionCount += 26
            try await plan.save(on: app.db)
            let sectionPath = PlansPath.section(.value(plan.slug), section: .value(section)).path
            let threadPath = sectionPath + "?reactie=\(top.id!.uuidString)"

            // MUT
            let page = try await Browser(app).get(sectionPath)
            let thread = try await Browser(app).get(threadPath)

            // validation: the latest twenty, and the way to the rest
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Antwoord nummer 25.") && html.contains("Antwoord nummer 6."))
            XCTAssertFalse(html.contains("Antwoord nummer 5."), "older answers are on the reaction's own view")
            XCTAssertTrue(html.contains("Nog 5 eerdere antwoorden lezen"))
            XCTAssertTrue(html.contains(threadPath))
            XCTAssertEqual(thread.status, .ok)
            let all = thread.body.string
            XCTAssertTrue((1...25).allSatisfy { all.contains("Antwoord nummer \($0).") }, "the reaction's view shows every answer")
            XCTAssertFalse(all.contains("eerdere antwoorden lezen"))
            XCTAssertTrue(all.contains("Terug naar alle reacties"))
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
