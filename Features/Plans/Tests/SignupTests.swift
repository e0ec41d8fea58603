import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// Signing up to help or organise, changing and withdrawing it; the coordinators' list and their
/// message to everyone signed up, which reaches each of them and nobody else.
final class SignupTests: XCTestCase {
    func testSignUpChangeRoleAndWithdraw() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, activities) = try await SupportFixture.published(app)
            let activity = activities[0]
            let activityID = try activity.requireID()
            _ = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let form = try SupportFixture.path(PlansPath.signUp, plan, activity)

            // MUT: the form, then bad input
            let page = try await fatima.get(form)
            let noRole = try await fatima.post(form, ["note": "Ik kan koken"])
            let longNote = try await fatima.post(form, ["role": "help", "note": String(repeating: "a", count: 501)])
            let oddRole = try await fatima.post(form, ["role": "baas"])

            // validation: translated messages, nothing stored
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Ik organiseer mee"))
            XCTAssertEqual(noRole.status, .badRequest)
            XCTAssertTrue(noRole.body.string.contains("Kies of je mee helpt of mee organiseert."))
            XCTAssertTrue(noRole.body.string.contains("Ik kan koken"), "the note is kept")
            XCTAssertEqual(longNote.status, .badRequest)
            XCTAssertTrue(longNote.body.string.contains("maximaal 500 tekens"))
            XCTAssertEqual(oddRole.status, .badRequest)
            let stored = try await PlanSignup.query(on: app.db).count()
            XCTAssertEqual(stored, 0)

            // MUT: sign up to help
            let signedUp = try await fatima.post(form, ["role": "help", "note": "Zaterdagen"])

            // validation: counted, and a mail with a link to the activity
            XCTAssertEqual(signedUp.status, .seeOther)
            XCTAssertEqual(signedUp.location, PlansPath.activity(.value(plan.slug), activity: .value(activityID)).path)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.signup.flash.signed_up")
            try await assertSignups(app, plan, activity, 1)
            try await app.deliverMail()
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 1)
            XCTAssertTrue(mails.first?.text.contains("Dialoog met fractieleiders") ?? false)
            XCTAssertTrue(mails.first?.text.contains("ik help mee") ?? false)
            XCTAssertNotNil(
                try MailSink.link(
                    app: app, to: "fatima@example.nl", for: PlansPath.activity(.value(plan.slug), activity: .value(activityID))))

            // MUT: change the role; the same again
            try await fatima.post(form, ["role": "organise", "note": "Zaterdagen"])
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.signup.flash.changed")
            try await fatima.post(form, ["role": "organise", "note": "Zaterdagen"])

            // validation: one sign-up, now organising
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.signup.flash.unchanged")
            try await assertSignups(app, plan, activity, 1)
            let signup = try await PlanSignup.query(on: app.db).first()
            XCTAssertEqual(signup?.role, .organise)
            let again = try await fatima.get(form)
            XCTAssertTrue(again.body.string.contains("Je doet mee: je organiseert mee."))

            // MUT: withdraw twice
            let withdraw = try SupportFixture.path(PlansPath.withdrawSignup, plan, activity)
            try await fatima.post(withdraw)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.signup.flash.withdrawn")
            try await fatima.post(withdraw)

            // validation
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.signup.flash.not_signed_up")
            try await assertSignups(app, plan, activity, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testSigningUpForAnActivityNoLongerInThePlanIsRefused() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, activities) = try await SupportFixture.published(app)
            activities[1].removedAt = app.clock.now()
            try await activities[1].save(on: app.db)
            try await SupportFixture.publish(app, plan)
            _ = try await app.makeUser(email: "fatima@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let form = try SupportFixture.path(PlansPath.signUp, plan, activities[1])

            // MUT
            let page = try await fatima.get(form)
            let post = try await fatima.post(form, ["role": "help"])

            // validation
            XCTAssertEqual(page.status, .seeOther)
            XCTAssertEqual(post.status, .seeOther)
            XCTAssertEqual(fatima.cookies["kracht_flash"], "plans.signup.flash.not_in_plan")
            try await assertSignups(app, plan, activities[1], 0)
        }
    }

    func testMessageReachesEachSignupAndNobodyElse() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: two sign-ups on the first activity, one on the other, a coordinator
            let (plan, activities) = try await SupportFixture.published(app)
            let activity = activities[0]
            let command = SignUpForActivity(app: app)
            for (name, email, role, target) in [
                ("Fatima Amrani", "fatima@example.nl", "help", activity), ("Joost de Vries", "joost@example.nl", "organise", activity),
                ("Ayla Demir", "ayla@example.nl", "help", activities[1]),
            ] {
                let user = try await app.makeUser(name: name, email: email)
                let outcome = try await command.run(
                    SignupForm(role: role, note: "Graag"), plan: plan, activityID: try target.requireID(), user: user, language: .nl)
                XCTAssertEqual(outcome, .signedUp)
            }
            try await app.deliverMail()
            _ = try await app.makeUser(name: "Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let list = try SupportFixture.path(PlansPath.signups, plan, activity)
            let message = try SupportFixture.path(PlansPath.messageSignups, plan, activity)

            // MUT: the activity's page, then the list
            let activityPage = try await coordinator.get(
                PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID())).path)
            let page = try await coordinator.get(list)

            // validation: a link for coordinators; names and roles, no addresses
            XCTAssertTrue(activityPage.body.string.contains("Aanmeldingen (2)"))
            XCTAssertTrue(activityPage.body.string.contains(list))
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Fatima Amrani"))
            XCTAssertTrue(page.body.string.contains("Joost de Vries"))
            XCTAssertFalse(page.body.string.contains("Ayla Demir"))
            XCTAssertFalse(page.body.string.contains("@example.nl"))

            // MUT: bad input
            let empty = try await coordinator.post(message, ["subject": "", "body": String(repeating: "x", count: 5_001)])

            // validation
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertTrue(empty.body.string.contains("Vul dit veld in."))
            XCTAssertTrue(empty.body.string.contains("maximaal 5000 tekens"))

            // MUT: the message, twice
            let sent = try await coordinator.post(message, ["subject": "Eerste overleg", "body": "We zien elkaar dinsdag.\nTot dan!"])
            XCTAssertEqual(coordinator.cookies["kracht_flash"], "plans.signup.message.flash.sent")
            let twice = try await coordinator.post(message, ["subject": "Eerste overleg", "body": "We zien elkaar dinsdag.\nTot dan!"])
            try await app.deliverMail()

            // validation: one mail each for the two, none for anyone else; the coordinator's address nowhere
            XCTAssertEqual(sent.status, .seeOther)
            XCTAssertEqual(twice.status, .seeOther)
            XCTAssertEqual(coordinator.cookies["kracht_flash"], "plans.signup.message.flash.already_sent")
            for email in ["fatima@example.nl", "joost@example.nl"] {
                let mails = try MailSink.messages(app: app, to: email).filter { $0.subject.contains("Eerste overleg") }
                XCTAssertEqual(mails.count, 1, email)
                XCTAssertTrue(mails.first?.text.contains("We zien elkaar dinsdag.") ?? false)
                XCTAssertFalse(mails.first?.raw.contains("coordinator@example.nl") ?? true)
                XCTAssertTrue(
                    mails.first?.text.contains(PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID())).path)
                        ?? false)
            }
            XCTAssertEqual(try MailSink.messages(app: app, to: "ayla@example.nl").filter { $0.subject.contains("Eerste overleg") }.count, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: "coordinator@example.nl").count, 0)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "plans.signups.message").all()
            XCTAssertEqual(audit.map(\.details), ["recipients=2"])

            // MUT: more messages within the hour than the limit
            let sender = try await User.find(email: "coordinator@example.nl", on: app.db)!
            var outcomes: [MessageSignups.Outcome] = []
            for number in 1...MessageSignups.limiter.limit {
                outcomes.append(
                    try await MessageSignups(app: app).run(
                        SignupMessageForm(subject: "Bericht \(number)", body: "Tekst"), plan: plan, activity: activity, by: sender,
                        language: .nl))
            }

            // validation: the first one was the limit's first; the last is refused and mails nobody
            XCTAssertEqual(outcomes.filter { $0 == .sent(2) }.count, MessageSignups.limiter.limit - 1)
            XCTAssertEqual(outcomes.last, .rateLimited)
            try await app.deliverMail()
            let last = try MailSink.messages(app: app, to: "fatima@example.nl").filter {
                $0.subject.contains("Bericht \(MessageSignups.limiter.limit)")
            }
            XCTAssertEqual(last.count, 0)
        }
    }

    func testNobodySignedUpAndResidentsAreRefused() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, activities) = try await SupportFixture.published(app)
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            _ = try await app.makeUser(email: "fatima@example.nl")
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let resident = Browser(app)
            try await resident.logIn("fatima@example.nl")
            let list = try SupportFixture.path(PlansPath.signups, plan, activities[0])
            let message = try SupportFixture.path(PlansPath.messageSignups, plan, activities[0])

            // MUT
            let nobody = try await coordinator.post(message, ["subject": "Hallo", "body": "Iemand?"])
            let listForResident = try await resident.get(list)
            let messageFromResident = try await resident.post(message, ["subject": "Hallo", "body": "Iemand?"])

            // validation
            XCTAssertEqual(nobody.status, .badRequest)
            XCTAssertTrue(nobody.body.string.contains("Nog niemand heeft zich aangemeld."))
            XCTAssertEqual(listForResident.status, .forbidden)
            XCTAssertEqual(messageFromResident.status, .forbidden)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "plans.signups.message").count()
            XCTAssertEqual(audited, 0)
        }
    }

    private func assertSignups(
        _ app: Application, _ plan: Plan, _ activity: PlanActivity, _ expected: Int, line: UInt = #line
    ) async throws {
        let stored = try await PlanActivity.find(activity.requireID(), on: app.db)!
        let storedPlan = try await Plan.find(plan.requireID(), on: app.db)!
        let rows = try await PlanSignup.query(on: app.db).filter(\.$activityID == activity.requireID()).count()
        XCTAssertEqual([stored.signupCount, rows], [expected, expected], line: line)
        let all = try await PlanSignup.query(on: app.db).filter(\.$planID == plan.requireID()).count()
        XCTAssertEqual(storedPlan.signupCount, all, line: line)
    }
}
