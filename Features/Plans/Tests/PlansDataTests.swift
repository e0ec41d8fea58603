import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import Plans

/// The plans' figures for the dashboard, a person's export and erasure, the daily purge, and
/// `kracht verify` finding a counter that does not match its rows.
final class PlansDataTests: XCTestCase {
    /// Another feature naming organisers (initiatives cannot be imported here): `ActiveOrganisers`
    /// must count a person it shares with plans once.
    struct OtherOrganisers: Feature {
        let name = "other-organisers"
        let emails: [String]
        func routes(_ routes: any RoutesBuilder, app: Application) throws {}
        func activeOrganiserQueries() -> [String] {
            ["SELECT id AS user_id FROM users WHERE email IN (\(emails.map { "'\($0)'" }.joined(separator: ", ")))"]
        }
    }

    func testIndicatorsCountPublishedPlansAndEachPersonOnce() async throws {
        let features: [any Feature] = [PlansFeature(), OtherOrganisers(emails: ["olga@example.nl", "kees@example.nl"])]
        try await withApp(features: features) { app in
            // setup: Olga supports both activities and organises one, Jan supports one and helps;
            // a held reaction, an accepted suggestion; a draft plan's support and sign-up do not count
            let olga = try await app.makeUser(name: "Olga", email: "olga@example.nl")
            let jan = try await app.makeUser(name: "Jan", email: "jan@example.nl")
            _ = try await app.makeUser(name: "Kees", email: "kees@example.nl")
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan)
            let activities = try await DataFixture.activities(app, of: plan)
            let sections = try await DataFixture.sections(app, of: plan)
            for activity in activities { try await DataFixture.support(app, activity, by: olga) }
            try await DataFixture.support(app, activities[0], by: jan)
            try await DataFixture.signUp(app, activities[0], by: olga, role: .organise)
            try await DataFixture.signUp(app, activities[1], by: olga, role: .help)
            try await DataFixture.signUp(app, activities[1], by: jan, role: .help)
            try await DataFixture.react(app, on: sections[0], by: jan, body: "Goed plan.")
            try await DataFixture.react(app, on: sections[1], by: olga, body: "Eens.")
            try await DataFixture.react(app, on: sections[1], by: jan, body: "Gemeld.", status: .held)
            try await DataFixture.suggest(app, on: sections[0], by: jan, title: "Buurtavond", status: .accepted)
            let draft = try await PlanFixture.draft(app, slug: "concept")
            let draftActivity = try await DataFixture.activities(app, of: draft)[0]
            let piet = try await app.makeUser(name: "Piet", email: "piet@example.nl")
            try await DataFixture.support(app, draftActivity, by: piet)
            try await DataFixture.signUp(app, draftActivity, by: piet, role: .organise)

            // MUT
            let values = Dictionary(uniqueKeysWithValues: try await app.indicators.values(app: app).map { ($0.key, $0) })
            let organisers = try await ActiveOrganisers.count(app)

            // validation
            XCTAssertEqual(values["plan_reactions"]?.value, 2, "visible reactions only")
            XCTAssertEqual(values["plan_supporters"]?.value, 2, "Olga once, Jan; not Piet on a draft")
            XCTAssertEqual(values["plan_suggestions_accepted"]?.value, 1)
            XCTAssertEqual(values["plan_helpers"]?.value, 2, "Olga once for two sign-ups, Jan")
            XCTAssertEqual(organisers, 2, "Olga organises here and elsewhere and counts once; Kees elsewhere; Piet's plan is a draft")
            let openData = try await Browser(app).get(CorePath.openData.path)
            XCTAssertEqual(openData.status, .ok)
            XCTAssertTrue(openData.body.string.contains("mensen helpen mee aan een actie uit de plannen"), "named in its own texts")
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheExportHoldsWhatThePersonDidOnPlans() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let fatima = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan)
            let sections = try await DataFixture.sections(app, of: plan)
            let activities = try await DataFixture.activities(app, of: plan)
            try await DataFixture.react(app, on: sections[0], by: fatima, body: "Ik denk mee.")
            try await DataFixture.support(app, activities[0], by: fatima)
            try await DataFixture.signUp(app, activities[1], by: fatima, role: .organise, note: "Ik ken de fractie.")
            try await DataFixture.suggest(app, on: sections[1], by: fatima, title: "Buurtavond", status: .declined)
            try await DataFixture.follow(app, plan, by: fatima)

            // MUT
            let export = try await AccountData(app: app).export(of: fatima)

            // validation
            guard case .object(let document) = export, case .object(let part)? = document["plans"] else {
                return XCTFail("no plans part in the export: \(export)")
            }
            guard case .array(let reactions)? = part["reactions"], case .object(let reaction)? = reactions.first,
                case .array(let signups)? = part["signups"], case .object(let signup)? = signups.first,
                case .array(let suggestions)? = part["suggestions"], case .object(let suggestion)? = suggestions.first
            else { return XCTFail("parts missing: \(part)") }
            XCTAssertEqual(reaction["plan"], .string("Calls to Action"))
            XCTAssertEqual(reaction["section"], .string("De politiek spreekt zich uit"))
            XCTAssertEqual(reaction["body"], .string("Ik denk mee."))
            XCTAssertEqual(reaction["status"], .string("visible"))
            XCTAssertEqual(signup["role"], .string("organise"))
            XCTAssertEqual(signup["note"], .string("Ik ken de fractie."))
            XCTAssertEqual(suggestion["title"], .string("Buurtavond"))
            XCTAssertEqual(suggestion["status"], .string("declined"))
            XCTAssertEqual(suggestion["decision_reason"], .string("Past niet in dit plan."))
            XCTAssertEqual(suggestion["district"], .string("noord"))
            if case .array(let supports)? = part["supports"] { XCTAssertEqual(supports.count, 1) } else { XCTFail("no supports") }
            if case .array(let follows)? = part["follows"] { XCTAssertEqual(follows.count, 1) } else { XCTFail("no follows") }
            XCTAssertEqual(part["digest_opt_out_since"], .null)
            let nobody = try await app.makeUser(name: "Niemand", email: "niemand@example.nl")
            let empty = try await AccountData(app: app).export(of: nobody)
            if case .object(let other) = empty { XCTAssertNil(other["plans"], "nothing on plans: no part") }
        }
    }

    func testErasingTheAccountKeepsReactionsAsDeletedAccountAndLowersEveryCounter() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: Fatima reacted, proposed, supports both activities, signed up, follows, opted
            // out, reported Jan's reaction and has a notification; Jan supports and follows too
            let fatima = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let jan = try await app.makeUser(name: "Jan", email: "jan@example.nl")
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan)
            let sections = try await DataFixture.sections(app, of: plan)
            let activities = try await DataFixture.activities(app, of: plan)
            let hers = try await DataFixture.react(app, on: sections[0], by: fatima, body: "Ik denk mee.")
            let his = try await DataFixture.react(app, on: sections[0], by: jan, body: "Ik ook.", parent: hers)
            let suggestion = try await DataFixture.suggest(app, on: sections[1], by: fatima, title: "Buurtavond", status: .accepted)
            for activity in activities { try await DataFixture.support(app, activity, by: fatima) }
            try await DataFixture.support(app, activities[0], by: jan)
            try await DataFixture.signUp(app, activities[1], by: fatima, role: .help)
            try await DataFixture.follow(app, plan, by: fatima)
            try await DataFixture.follow(app, plan, by: jan)
            let optOut = PlanDigestOptOut()
            optOut.userID = try fatima.requireID()
            optOut.createdAt = app.clock.now()
            try await optOut.create(on: app.db)
            try await DataFixture.report(app, his, key: "u:" + fatima.requireID().uuidString, at: app.clock.now())
            try await DataFixture.report(app, his, key: "a:0123456789abcdef", at: app.clock.now())
            try await DataFixture.notify(app, fatima, about: plan, createdAt: app.clock.now(), sentAt: nil)
            try await DataFixture.notify(app, jan, about: plan, createdAt: app.clock.now(), sentAt: nil)

            // MUT
            let outcome = try await AccountData(app: app).delete(fatima, password: "correct horse battery")

            // validation: her reaction and suggestion stay without her; what was hers alone is gone
            guard case .deleted = outcome else { return XCTFail("not deleted: \(outcome)") }
            let reaction = try await PlanReaction.find(hers.id, on: app.db)
            XCTAssertNil(reaction?.userID, "shown as a deleted account")
            XCTAssertEqual(reaction?.body, "Ik denk mee.")
            XCTAssertEqual(reaction?.status, .visible)
            let reply = try await PlanReaction.find(his.id, on: app.db)
            XCTAssertEqual(reply?.userID, jan.id, "Jan's answer stays his")
            XCTAssertEqual(reply?.reportCount, 2, "the count of reports stays")
            let kept = try await PlanSuggestion.find(suggestion.id, on: app.db)
            XCTAssertNil(kept?.userID)
            XCTAssertEqual(kept?.status, .accepted)
            let reloaded = try await Plan.find(plan.id, on: app.db)
            XCTAssertEqual(reloaded?.supportCount, 1, "Jan's support")
            XCTAssertEqual(reloaded?.signupCount, 0)
            XCTAssertEqual(reloaded?.followerCount, 1)
            XCTAssertEqual(reloaded?.reactionCount, 2)
            XCTAssertEqual(reloaded?.acceptedSuggestions, 1)
            let first = try await PlanActivity.find(activities[0].id, on: app.db)
            let second = try await PlanActivity.find(activities[1].id, on: app.db)
            XCTAssertEqual(first?.supportCount, 1)
            XCTAssertEqual(second?.supportCount, 0)
            XCTAssertEqual(second?.signupCount, 0)
            let reports = try await PlanReactionReport.query(on: app.db).all().map(\.reporterKey)
            XCTAssertEqual(reports, ["a:0123456789abcdef"])
            let notifications = try await PlanNotification.query(on: app.db).all().map(\.userID)
            XCTAssertEqual(notifications, [jan.id!])
            let optOuts = try await PlanDigestOptOut.query(on: app.db).count()
            XCTAssertEqual(optOuts, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testThePurgeDropsOldSentNotificationsAndReportsAYearAfterTheirDecision() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let now = app.clock.now()
            let day: TimeInterval = 86_400
            let jan = try await app.makeUser(name: "Jan", email: "jan@example.nl")
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan)
            let section = try await DataFixture.sections(app, of: plan)[0]
            let oldSent = try await DataFixture.notify(app, jan, about: plan, createdAt: now - 101 * day, sentAt: now - 100 * day)
            let recentSent = try await DataFixture.notify(app, jan, about: plan, createdAt: now - 11 * day, sentAt: now - 10 * day)
            let unsent = try await DataFixture.notify(app, jan, about: plan, createdAt: now - 200 * day, sentAt: nil)
            let longDecided = try await DataFixture.react(app, on: section, by: jan, body: "Oud.")
            let settled = try await DataFixture.report(app, longDecided, key: "a:1", at: now - 420 * day)
            try await DataFixture.decide(app, longDecided, at: now - 400 * day)
            let sinceThen = try await DataFixture.report(app, longDecided, key: "a:2", at: now - 10 * day)
            let recentlyDecided = try await DataFixture.react(app, on: section, by: jan, body: "Recent.")
            let recent = try await DataFixture.report(app, recentlyDecided, key: "a:3", at: now - 40 * day)
            try await DataFixture.decide(app, recentlyDecided, at: now - 30 * day)
            let longAgoButRecentlyDecided = try await DataFixture.report(app, recentlyDecided, key: "a:4", at: now - 500 * day)

            // MUT
            try await PlansFeature().purgeExpired(now: now, app: app)

            // validation
            let notifications = Set(try await PlanNotification.query(on: app.db).all().compactMap(\.id))
            XCTAssertEqual(notifications, [recentSent.id!, unsent.id!])
            XCTAssertFalse(notifications.contains(oldSent.id!))
            let reports = Set(try await PlanReactionReport.query(on: app.db).all().compactMap(\.id))
            XCTAssertFalse(reports.contains(settled.id!), "decided more than a year ago")
            XCTAssertTrue(reports.contains(sinceThen.id!), "made after the decision: still waiting")
            XCTAssertTrue(reports.contains(recent.id!), "decided a month ago")
            XCTAssertTrue(reports.contains(longAgoButRecentlyDecided.id!), "the year runs from the decision")
            XCTAssertEqual(reports.count, 3)
            let kept = try await PlanReaction.find(longDecided.id, on: app.db)
            XCTAssertEqual(kept?.reportCount, 2, "the count stays")
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testVerifyFindsTamperedCountersGapsBadSnapshotsAndDeepReplies() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: a clean plan with two versions, a support, a sign-up, a thread
            let jan = try await app.makeUser(name: "Jan", email: "jan@example.nl")
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan)
            let section = try await DataFixture.sections(app, of: plan)[0]
            section.body += " Samen."
            try await section.save(on: app.db)
            let v2 = try await DataFixture.publish(app, plan, note: "Tweede.")
            let activities = try await DataFixture.activities(app, of: plan)
            try await DataFixture.support(app, activities[0], by: jan)
            try await DataFixture.signUp(app, activities[1], by: jan, role: .help)
            let top = try await DataFixture.react(app, on: section, by: jan, body: "Vraag.")
            let reply = try await DataFixture.react(app, on: section, by: nil, body: "Antwoord.", parent: top)
            let clean = try await PlansFeature().verify(app: app)
            XCTAssertEqual(clean, [])

            // MUT: tamper
            let tampered = try await Plan.find(plan.id, on: app.db)!
            tampered.supportCount = 5
            tampered.followerCount = 1
            try await tampered.save(on: app.db)
            activities[1].signupCount = 3
            try await activities[1].save(on: app.db)
            try await PlanVersion.query(on: app.db).filter(\.$planID == plan.requireID()).filter(\.$number == 1).delete()
            v2.snapshotJSON = "{kapot"
            try await v2.save(on: app.db)
            try await DataFixture.react(app, on: section, by: jan, body: "Te diep.", parent: reply)
            let problems = try await PlansFeature().verify(app: app)

            // validation
            let text = problems.joined(separator: "\n")
            XCTAssertTrue(text.contains("plan calls-to-action: support_count is 5, its rows say 1"), text)
            XCTAssertTrue(text.contains("plan calls-to-action: follower_count is 1, its rows say 0"), text)
            XCTAssertTrue(text.contains("signup_count is 3, its rows say 1"), text)
            XCTAssertTrue(text.contains("published_version is 2, its versions are 1 numbered 2…2"), text)
            XCTAssertTrue(text.contains("version 2 does not decode"), text)
            XCTAssertTrue(text.contains("1 replies answer a reply"), text)
            XCTAssertFalse(text.contains("reaction_count"), "the deep reply is visible and counted: \(text)")
        }
    }
}
