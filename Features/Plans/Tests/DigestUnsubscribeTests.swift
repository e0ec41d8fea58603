import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// The digest's unsubscribe link works without signing in: it asks first, its button turns the
/// digest off (unsent news go with it; follows and their counts stay), and a mail program's one-click
/// post needs no cookie; a bad link says so and changes nothing.
final class DigestUnsubscribeTests: XCTestCase {
    func testTheLinkAsksThenTurnsTheDigestOffOnceAndTheOneClickPostNeedsNoCookie() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: Fatima follows and has news waiting
            let (plan, coordinator) = try await FollowFixture.published(app)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let karim = try await app.makeUser(name: "Karim Haddou", email: "karim@example.nl")
            for user in [fatima, karim] {
                _ = try await FollowPlan(app: app).run(planID: plan.requireID(), userID: user.requireID(), follow: true)
            }
            try await FollowFixture.publishAgain(app, plan, by: coordinator, note: "Scherper.")
            let token = SignedID.make(try fatima.requireID(), purpose: PlanDigestSwitch.tokenPurpose, key: app.config.secretKey)
            let path = PlansPath.unsubscribe(.value(token)).path
            let browser = Browser(app)

            // MUT: the link asks first and changes nothing
            let ask = try await browser.get(path)

            // validation
            XCTAssertEqual(ask.status, .ok)
            XCTAssertTrue(ask.body.string.contains("Stop de mail over plannen"))
            XCTAssertTrue(ask.body.string.contains("Je blijft de plannen volgen"))
            let still = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(still, 2)

            // MUT: the button, twice
            let done = try await browser.post(path)
            let twice = try await browser.post(path)

            // validation: off and her unsent news gone, Karim's kept; both still follow
            XCTAssertEqual(done.status, .ok)
            XCTAssertTrue(done.body.string.contains("Je krijgt geen mail meer over de plannen."))
            XCTAssertTrue(twice.body.string.contains("staat al uit"))
            let followers = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(followers, 2)
            let follows = try await PlanFollow.query(on: app.db).count()
            XCTAssertEqual(follows, 2)
            let waiting = try await PlanNotification.query(on: app.db).all().map(\.userID)
            XCTAssertEqual(waiting, [try karim.requireID()])
            let asked = try await browser.get(path)
            XCTAssertFalse(asked.body.string.contains("Stop de mail over plannen"))

            // MUT: RFC 8058's one-click POST for Karim, without cookie or form token
            let karimToken = SignedID.make(try karim.requireID(), purpose: PlanDigestSwitch.tokenPurpose, key: app.config.secretKey)
            let oneClick = try await Browser(app).post(
                PlansPath.unsubscribeOneClick(token: karimToken).path, ["List-Unsubscribe": "One-Click"], csrf: false)
            let header = try await Browser(app).get(PlansPath.unsubscribeOneClick(token: karimToken).path)

            // validation
            XCTAssertEqual(oneClick.status, .ok)
            XCTAssertTrue(header.body.string.contains("staat al uit"))
            let optOuts = try await PlanDigestOptOut.query(on: app.db).count()
            XCTAssertEqual(optOuts, 2)
            let none = try await PlanNotification.query(on: app.db).count()
            XCTAssertEqual(none, 0)
            try await FollowFixture.runDigests(app)
            XCTAssertEqual(try MailSink.messages(app: app, to: "karim@example.nl").count, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testABadLinkSaysSoAndChangesNothing() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, _) = try await FollowFixture.published(app)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            _ = try await FollowPlan(app: app).run(planID: plan.requireID(), userID: fatima.requireID(), follow: true)
            let token = SignedID.make(try fatima.requireID(), purpose: PlanDigestSwitch.tokenPurpose, key: app.config.secretKey)
            let forged = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
            let browser = Browser(app)

            // MUT: a forged link, asked and posted; a made-up one; a forged one-click
            let page = try await browser.get(PlansPath.unsubscribe(.value(forged)).path)
            let post = try await browser.post(PlansPath.unsubscribe(.value(forged)).path)
            let garbage = try await browser.post(PlansPath.unsubscribe(.value(String(repeating: "x", count: 500))).path)
            let oneClick = try await Browser(app).post(
                PlansPath.unsubscribeOneClick(token: forged).path, ["List-Unsubscribe": "One-Click"], csrf: false)
            let noToken = try await Browser(app).post("/plannen/afmelden", ["List-Unsubscribe": "One-Click"], csrf: false)

            // validation
            for response in [page, post, garbage, oneClick, noToken] {
                XCTAssertEqual(response.status, .notFound)
                XCTAssertTrue(response.body.string.contains("Deze link werkt niet"))
            }
            let optOuts = try await PlanDigestOptOut.query(on: app.db).count()
            XCTAssertEqual(optOuts, 0)
            let followers = try await Plan.find(plan.id, on: app.db)?.followerCount
            XCTAssertEqual(followers, 1)
        }
    }
}
