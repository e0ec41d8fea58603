import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Residents follow a published plan (once, however often they press), stop following, and see
/// what they did on plans on their own page, where they also turn the digest off and on.
final class FollowTests: XCTestCase {
    func testFollowingTwiceCountsOnceAndADraftCannotBeFollowed() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, _) = try await FollowFixture.published(app)
            let draft = try await PlanFixture.draft(app, slug: "nog-niet-af")
            _ = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let slug = Parameter<String>.value(plan.slug)

            // MUT: signed out, the plan page offers a log-in link that comes back
            let anonymous = try await Browser(app).get(PlansPath.plan(slug).path).body.string
            XCTAssertTrue(anonymous.contains("Log in om dit plan te volgen"))
            XCTAssertTrue(
                anonymous.contains(CorePath.logIn(returnTo: PlansPath.plan(slug).path).path.replacingOccurrences(of: "&", with: "&amp;")))

            // MUT: follow twice, then once at the same moment twice more
            let first = try await fatima.post(PlansPath.follow(slug).path)
            try await fatima.post(PlansPath.follow(slug).path)
            let (planID, fatimaID) = (try plan.requireID(), try await FollowFixture.id(app, "fatima@example.nl"))
            async let a = FollowPlan(app: app).run(planID: planID, userID: fatimaID, follow: true)
            async let b = FollowPlan(app: app).run(planID: planID, userID: fatimaID, follow: true)
            let both = try await [a, b]

            // validation
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(both, [.alreadyFollowing, .alreadyFollowing])
            let count = try await PlanFollow.query(on: app.db).count()
            XCTAssertEqual(count, 1)
            let followers = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(followers, 1)
            let page = try await fatima.get(PlansPath.plan(slug).path).body.string
            XCTAssertTrue(page.contains("Je volgt dit plan."))
            XCTAssertTrue(page.contains("1 persoon volgt dit plan."))

            // MUT: a draft is not there to follow; unfollow twice
            let onDraft = try await fatima.post(PlansPath.follow(.value(draft.slug)).path)
            let stop = try await fatima.post(PlansPath.unfollow(slug).path)
            try await fatima.post(PlansPath.unfollow(slug).path)

            // validation
            XCTAssertEqual(onDraft.status, .notFound)
            XCTAssertEqual(stop.status, .seeOther)
            let left = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(left, 0)
            let rows = try await PlanFollow.query(on: app.db).count()
            XCTAssertEqual(rows, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testMyPlansPageShowsWhatIDidAndSwitchesTheDigest() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, coordinator) = try await FollowFixture.published(app)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let other = try await app.makeUser(name: "Karim", email: "karim@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            let slug = Parameter<String>.value(plan.slug)
            try await browser.post(PlansPath.follow(slug).path)
            let section = try await FollowFixture.sections(app, plan)[0]
            let reaction = try await PostReaction(app: app).run(
                planID: plan.requireID(),
                input: .init(sectionID: section.id, activityID: nil, parentID: nil, body: "Goed plan, ik doe mee!", asMovement: false),
                by: fatima, isCoordinator: false)
            guard case .posted = reaction else { return XCTFail("not posted: \(reaction)") }
            _ = try await PostReaction(app: app).run(
                planID: plan.requireID(),
                input: .init(sectionID: section.id, activityID: nil, parentID: nil, body: "Karims eigen reactie", asMovement: false),
                by: other, isCoordinator: false)

            // MUT
            let anonymous = try await Browser(app).get(PlansPath.mine.path)
            let page = try await browser.get(PlansPath.mine.path)

            // validation: mine only, with the plan and the reaction's state
            XCTAssertEqual(anonymous.status, .seeOther)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Goed plan, ik doe mee!"))
            XCTAssertTrue(html.contains("zichtbaar"))
            XCTAssertTrue(html.contains(PlansPath.plan(slug).path))
            XCTAssertFalse(html.contains("Karims eigen reactie"))
            XCTAssertTrue(html.contains("Zet de mail uit"))

            // MUT: the digest off, then on
            let off = try await browser.post(PlansPath.digestSwitch.path, ["aan": "0"])
            let offPage = try await browser.get(PlansPath.mine.path).body.string

            // validation: off stops the mail, not the follow (the public count stays)
            XCTAssertEqual(off.status, .seeOther)
            XCTAssertTrue(offPage.contains("Zet de mail aan"))
            XCTAssertTrue(offPage.contains("Je volgt de plannen nog wel"))
            let optOuts = try await PlanDigestOptOut.query(on: app.db).count()
            XCTAssertEqual(optOuts, 1)
            let followers = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(followers, 1)
            let follows = try await PlanFollow.query(on: app.db).count()
            XCTAssertEqual(follows, 1)

            // MUT: a new version while off
            try await FollowFixture.publishAgain(app, plan, by: coordinator, note: "Scherper.")

            // validation: nothing recorded for her
            let whileOff = try await PlanNotification.query(on: app.db).filter(\.$userID == fatima.requireID()).count()
            XCTAssertEqual(whileOff, 0)

            // MUT: following again turns it back on
            try await browser.post(PlansPath.follow(slug).path)

            // validation
            let after = try await PlanDigestOptOut.query(on: app.db).count()
            XCTAssertEqual(after, 0)
            try await browser.post(PlansPath.digestSwitch.path, ["aan": "0"])
            try await browser.post(PlansPath.digestSwitch.path, ["aan": "1"])
            let on = try await PlanDigestOptOut.query(on: app.db).count()
            XCTAssertEqual(on, 0)

            // MUT: on again, the next version reaches her through the follow she kept
            try await FollowFixture.publishAgain(app, plan, by: coordinator, note: "Nog scherper.")

            // validation
            let news = try await PlanNotification.query(on: app.db).filter(\.$userID == fatima.requireID()).count()
            XCTAssertEqual(news, 1)
            let stillFollowing = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(stillFollowing, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}

/// A published plan and its coordinator, for the follow and digest tests.
enum FollowFixture {
    static func published(_ app: Application) async throws -> (Plan, User) {
        let coordinator = try await app.makeUser(name: "Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
        let plan = try await PlanFixture.draft(app)
        try await PlanFixture.publish(app, plan, note: "Eerste versie.", by: coordinator)
        return (plan, coordinator)
    }

    static func sections(_ app: Application, _ plan: Plan) async throws -> [PlanSection] {
        try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).all()
    }

    static func id(_ app: Application, _ email: String) async throws -> UUID {
        let user = try await User.query(on: app.db).filter(\.$email == email).first()
        return try XCTUnwrap(user).requireID()
    }

    /// A second version: the first section's text changed.
    static func publishAgain(_ app: Application, _ plan: Plan, by coordinator: User, note: String) async throws {
        let section = try await sections(app, plan)[0]
        section.body += " En nu samen."
        try await section.save(on: app.db)
        try await PlanFixture.publish(app, plan, note: note, by: coordinator)
    }

    /// Everything due after the digest's wait: the jobs run and the outbox delivered.
    static func runDigests(_ app: Application) async throws {
        app.clock.advance(by: PlanDigest.delay + 60)
        while try await JobWorker(app: app).runDue() > 0 {}
        try await app.deliverMail()
    }
}
