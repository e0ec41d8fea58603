import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// Support: once per person, also when sent twice at the same moment; withdrawable; only for
/// activities in the published plan; the most supported listed.
final class SupportTests: XCTestCase {
    func testSupportOnceWithdrawTwice() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, activities) = try await SupportFixture.published(app)
            let activity = activities[0]
            _ = try await app.makeUser(name: "Fatima", email: "fatima@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let support = try SupportFixture.path(PlansPath.support, plan, activity)
            let withdraw = try SupportFixture.path(PlansPath.withdrawSupport, plan, activity)
            let planPage = PlansPath.plan(.value(plan.slug)).path

            // MUT: support, from the plan page
            let first = try await fatima.post(support, ["terug": planPage])

            // validation
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(first.location, planPage)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.support.flash.supported")
            var counts = try await SupportFixture.supports(app, plan, activity)
            XCTAssertEqual(counts.activity, 1)
            XCTAssertEqual(counts.plan, 1)

            // MUT: again; and a return path elsewhere is ignored
            let again = try await fatima.post(support, ["terug": "https://elders.example/plannen"])

            // validation: still one
            XCTAssertEqual(again.location, PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID())).path)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.support.flash.already")
            counts = try await SupportFixture.supports(app, plan, activity)
            XCTAssertEqual([counts.activity, counts.plan, counts.rows], [1, 1, 1])

            // MUT: withdraw twice
            try await fatima.post(withdraw)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.support.flash.withdrawn")
            try await fatima.post(withdraw)

            // validation
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.support.flash.not_supported")
            counts = try await SupportFixture.supports(app, plan, activity)
            XCTAssertEqual([counts.activity, counts.plan, counts.rows], [0, 0, 0])
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAResidentSupportsFromThePlanPage() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, activities) = try await SupportFixture.published(app)
            _ = try await app.makeUser(email: "fatima@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let planPage = PlansPath.plan(.value(plan.slug)).path
            let before = try await fatima.get(planPage)
            XCTAssertEqual(before.status, .ok)
            XCTAssertTrue(before.body.string.contains("Nog niemand steunt dit."))
            XCTAssertFalse(before.body.string.contains("Meest gesteund"))

            // MUT: the button on the page, which comes back to it
            let posted = try await fatima.post(try SupportFixture.path(PlansPath.support, plan, activities[0]), ["terug": planPage])
            let after = try await fatima.get(planPage)

            // validation
            XCTAssertEqual(posted.location, planPage)
            XCTAssertTrue(after.body.string.contains("Je steunt deze activiteit. Dank je!"))
            XCTAssertTrue(after.body.string.contains("1 persoon steunt dit"))
            XCTAssertTrue(after.body.string.contains("Steun intrekken"))
            XCTAssertTrue(after.body.string.contains("Meest gesteund"))
            let anonymous = try await Browser(app).get(planPage)
            XCTAssertTrue(anonymous.body.string.contains("Log in om te steunen of mee te doen"))
        }
    }

    func testTwoSupportsAtTheSameMomentCountOnce() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, activities) = try await SupportFixture.published(app)
            let activityID = try activities[0].requireID()
            var people: [UUID] = []
            for index in 0..<4 { people.append(try await app.makeUser(email: "steun\(index)@example.nl").requireID()) }
            let command = SupportActivity(app: app)

            // MUT: each person's support sent twice at once
            for userID in people {
                async let one = command.support(plan: plan, activityID: activityID, userID: userID)
                async let two = command.support(plan: plan, activityID: activityID, userID: userID)
                let outcomes = try await [one, two]

                // validation: one of them supported
                XCTAssertEqual(outcomes.filter { $0 == .supported }.count, 1, "\(outcomes)")
                XCTAssertEqual(outcomes.filter { $0 == .alreadySupported }.count, 1, "\(outcomes)")
            }

            // validation
            let counts = try await SupportFixture.supports(app, plan, activities[0])
            XCTAssertEqual([counts.activity, counts.plan, counts.rows], [4, 4, 4])

            // MUT: two withdrawals at once
            async let one = command.withdraw(plan: plan, activityID: activityID, userID: people[0])
            async let two = command.withdraw(plan: plan, activityID: activityID, userID: people[0])
            let outcomes = try await [one, two]

            // validation
            XCTAssertTrue(outcomes.contains(.withdrawn) && outcomes.contains(.notSupported), "\(outcomes)")
            let after = try await SupportFixture.supports(app, plan, activities[0])
            XCTAssertEqual([after.activity, after.plan, after.rows], [3, 3, 3])
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnActivityNoLongerInThePlanCannotBeSupported() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: v2 without the second activity
            let (plan, activities) = try await SupportFixture.published(app)
            let removed = activities[1]
            removed.removedAt = app.clock.now()
            try await removed.save(on: app.db)
            try await SupportFixture.publish(app, plan)
            _ = try await app.makeUser(email: "fatima@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")

            // MUT
            let response = try await fatima.post(try SupportFixture.path(PlansPath.support, plan, removed))

            // validation: a clear message, nothing counted
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.support.flash.not_in_plan")
            let counts = try await SupportFixture.supports(app, plan, removed)
            XCTAssertEqual([counts.activity, counts.plan, counts.rows], [0, 0, 0])

            // MUT: an activity of a draft nobody may read yet, and of another plan
            let draft = try await PlanFixture.draft(app, slug: "concept")
            let draftActivity = try await SupportFixture.activities(app, draft)[0]
            let hidden = try await fatima.post(try SupportFixture.path(PlansPath.support, draft, draftActivity))
            let elsewhere = try await fatima.post(
                PlansPath.support(.value(plan.slug), activity: .value(try draftActivity.requireID())).path)

            // validation
            XCTAssertEqual(hidden.status, .notFound)
            XCTAssertEqual(elsewhere.status, .notFound)
            let supports = try await PlanSupport.query(on: app.db).count()
            XCTAssertEqual(supports, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheActionsAndTheMostSupportedShowWhatTheViewerDid() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: the second activity has two supporters, the first one
            let (plan, activities) = try await SupportFixture.published(app)
            let ids = try activities.map { try $0.requireID() }
            let first = try await app.makeUser(email: "een@example.nl")
            let second = try await app.makeUser(email: "twee@example.nl")
            let command = SupportActivity(app: app)
            _ = try await command.support(plan: plan, activityID: ids[1], userID: first.requireID())
            _ = try await command.support(plan: plan, activityID: ids[1], userID: second.requireID())
            _ = try await command.support(plan: plan, activityID: ids[0], userID: first.requireID())
            let version = try await PlanAccess.latestVersion(of: plan, on: app.db)!

            // MUT
            let top = try await ActivityParticipation.top(plan: plan, snapshot: try version.snapshot(), on: app.db)
            let request = Request(application: app, on: app.eventLoopGroup.next())
            request.auth.login(first)
            let views = try await ActivityParticipation.load(plan: plan, activityIDs: ids, req: request)

            // validation
            XCTAssertEqual(top.map(\.supportCount), [2, 1])
            XCTAssertEqual(top.first?.link, PlansPath.activity(.value(plan.slug), activity: .value(ids[1])).path)
            XCTAssertEqual(views[ids[1]]?.supportCount, 2)
            XCTAssertEqual(views[ids[1]]?.supported, true)
            XCTAssertNil(views[ids[1]]?.signupsLink, "a resident does not see the sign-ups")
            let actions = try await request.view.render("plans/_activity-actions", views[ids[1]]!).get()
            let html = String(buffer: actions.data)
            XCTAssertTrue(html.contains("2 mensen steunen dit"), html)
            XCTAssertTrue(html.contains(PlansPath.withdrawSupport(.value(plan.slug), activity: .value(ids[1])).path), html)
            let list = try await request.view.render("plans/_top-supported", ["top": top]).get()
            XCTAssertTrue(String(buffer: list.data).contains("<ol>"))

            // MUT: signed out
            let anonymous = Request(application: app, on: app.eventLoopGroup.next())
            let signedOut = try await ActivityParticipation.load(plan: plan, activityIDs: ids, req: anonymous)
            let rendered = try await anonymous.view.render("plans/_activity-actions", signedOut[ids[0]]!).get()

            // validation
            XCTAssertTrue(String(buffer: rendered.data).contains(CorePath.logIn().path), String(buffer: rendered.data))
            let empty = try await anonymous.view.render("plans/_top-supported", ["top": [TopSupportedView]()]).get()
            XCTAssertFalse(String(buffer: empty.data).contains("<ol>"))
        }
    }
}
