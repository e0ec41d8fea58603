import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import XCTest

@testable import Plans

/// `kracht demo`'s plans and `kracht plans fill`: the seed's "Calls to Action" with its version
/// log, the policy plan 2025, residents taking part in every way the feature offers, and
/// counters `verify` accepts; seeding twice changes nothing.
final class PlansDemoTests: XCTestCase {
    func testTheDemoHasTheCallsToActionWithItsVersionLogAndThePolicyPlan() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let people = try await DemoPeople.create(app: app)

            // MUT
            try await PlansDemo.seed(app: app, people: people)

            // validation: the version log of the seed, and the later version without the doubled bullet
            let callsRow = try await PlanAccess.plan(slug: PlansDemoCallsToAction.slug, on: app.db)
            let calls = try XCTUnwrap(callsRow)
            XCTAssertEqual(calls.publishedVersion, 3)
            let versions = try await PlanVersion.query(on: app.db).filter(\.$planID == calls.requireID()).sort(\.$number).all()
            XCTAssertEqual(versions.map(\.number), [1, 2, 3])
            XCTAssertEqual(versions.prefix(2).map { AmsterdamTime.day($0.publishedAt) }, ["2021-10-08", "2021-10-22"])
            XCTAssertTrue(versions.allSatisfy { !$0.note.isEmpty })
            let bullet = PlansDemoCallsToAction.duplicatedBullet.trimmingCharacters(in: .newlines)
            func municipality(_ version: PlanVersion) throws -> String {
                try XCTUnwrap(try version.snapshot().sections.first { $0.title.hasPrefix("2.") }).markdown
            }
            XCTAssertEqual(try municipality(versions[1]).components(separatedBy: bullet).count - 1, 2)
            XCTAssertEqual(try municipality(versions[2]).components(separatedBy: bullet).count - 1, 1)
            XCTAssertFalse(try versions[0].snapshot().sections.contains { $0.markdown.contains("2 november 2021") })
            XCTAssertTrue(try versions[1].snapshot().sections.contains { $0.markdown.contains("2 november 2021") })
            let activities = try await PlanActivity.query(on: app.db).filter(\.$planID == calls.requireID()).all()
            XCTAssertTrue(activities.allSatisfy { !$0.organiser.isEmpty && !$0.timing.isEmpty && !$0.needs.isEmpty })
            XCTAssertGreaterThan(activities.filter { $0.district != nil && $0.domain != nil }.count, 1)
            for activity in activities {
                if let domain = activity.domain { XCTAssertNotNil(app.reference.domain(slug: domain), domain) }
                if let district = activity.district { XCTAssertTrue(app.reference.districts.contains { $0.code == district }, district) }
            }

            // the resident's suggestion, published in version 3; one open, one declined with a reason
            let suggestions = try await PlanSuggestion.query(on: app.db).filter(\.$planID == calls.requireID()).all()
            let accepted = try XCTUnwrap(suggestions.first { $0.status == .accepted })
            XCTAssertEqual(accepted.appliedVersion, 3)
            XCTAssertEqual(accepted.userID, people.residents[0].id)
            XCTAssertEqual(suggestions.filter { $0.status == .open }.count, 1)
            XCTAssertFalse(try XCTUnwrap(suggestions.first { $0.status == .declined }?.decisionReason).isEmpty)

            // reactions: replies, an answer as the movement, one held after reports, one removed with a logged decision
            let reactions = try await PlanReaction.query(on: app.db).all()
            XCTAssertGreaterThanOrEqual(reactions.filter { $0.parentID != nil }.count, 3)
            XCTAssertTrue(reactions.contains { $0.asMovement && $0.userID == people.coordinator.id })
            XCTAssertTrue(reactions.contains { $0.versionNumber < 3 && $0.planID == calls.id }, "a reaction written on an older version")
            let held = try XCTUnwrap(reactions.first { $0.status == .held })
            let reports = try await PlanReactionReport.query(on: app.db).filter(\.$reactionID == held.requireID()).count()
            XCTAssertEqual(reports, held.reportCount)
            let decisions = try await PlanModerationDecision.query(on: app.db).all()
            XCTAssertEqual(decisions.map(\.decision), [.remove])
            XCTAssertEqual(reactions.first { $0.id == decisions.first?.reactionID }?.status, .removed)

            // the policy plan: its four goals, one version; sign-ups to help and to organise
            let policyRow = try await PlanAccess.plan(slug: PlansDemoPolicyPlan.slug, on: app.db)
            let policy = try XCTUnwrap(policyRow)
            XCTAssertEqual(policy.publishedVersion, 1)
            let latestRow = try await PlanAccess.latestVersion(of: policy, on: app.db)
            let latest = try XCTUnwrap(latestRow)
            XCTAssertEqual(try latest.snapshot().sections.count, 4)
            let signups = try await PlanSignup.query(on: app.db).all()
            XCTAssertEqual(Set(signups.map(\.role)), [.help, .organise])
            for plan in [calls, policy] {
                XCTAssertGreaterThan(plan.supportCount, 0)
                XCTAssertGreaterThan(plan.followerCount, 0)
                XCTAssertEqual(plan.reactionCount, reactions.filter { $0.planID == plan.id && $0.status == .visible }.count)
            }
            XCTAssertEqual(calls.acceptedSuggestions, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testSeedingTwiceChangesNothing() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let people = try await DemoPeople.create(app: app)
            try await PlansDemo.seed(app: app, people: people)
            let reactions = try await PlanReaction.query(on: app.db).count()

            // MUT
            try await PlansDemo.seed(app: app, people: people)

            // validation
            let plans = try await Plan.query(on: app.db).count()
            let versions = try await PlanVersion.query(on: app.db).count()
            let reactionsAfter = try await PlanReaction.query(on: app.db).count()
            XCTAssertEqual(plans, 2)
            XCTAssertEqual(versions, 4)
            XCTAssertEqual(reactionsAfter, reactions)
        }
    }

    func testFillMakesOneLargePublishedPlanWithCountersEqualToItsRows() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            var numbers = PlansFill.Numbers()
            numbers.sections = 6
            numbers.versions = 5
            numbers.reactions = 400
            numbers.supporters = 20

            // MUT
            let summary = try await PlansFill(app: app, numbers: numbers).run(slug: "bench-plan")

            // validation
            let planRow = try await PlanAccess.plan(slug: "bench-plan", on: app.db)
            let plan = try XCTUnwrap(planRow)
            XCTAssertEqual(plan.publishedVersion, 5)
            let versions = try await PlanVersion.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$number).all()
            XCTAssertEqual(versions.map(\.number), [1, 2, 3, 4, 5])
            let first = try versions[0].snapshot(), last = try versions[4].snapshot()
            XCTAssertEqual(first.sections.count, 6)
            XCTAssertEqual(last.sections.flatMap(\.activities).count, 18)
            XCTAssertNotEqual(first.sections.map(\.markdown), last.sections.map(\.markdown), "later versions rewrite sections")
            let words = first.sections[0].markdown.split(whereSeparator: \.isWhitespace).count
            XCTAssertTrue((250...350).contains(words), "about 300 words: \(words)")
            let draft = try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).all()
            XCTAssertEqual(draft.map(\.body), last.sections.map(\.markdown), "the draft is the last version")
            let reactions = try await PlanReaction.query(on: app.db).filter(\.$planID == plan.requireID()).all()
            XCTAssertEqual(reactions.count, 400)
            XCTAssertEqual(plan.reactionCount, 400)
            XCTAssertTrue((30...45).contains(reactions.filter { $0.parentID != nil }.count), "a tenth are replies")
            let supports = try await PlanSupport.query(on: app.db).count()
            XCTAssertEqual(plan.supportCount, supports)
            XCTAssertEqual(summary.supports, plan.supportCount)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
