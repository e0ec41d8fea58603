import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// The plans digest: a new version reaches the plan's followers and nobody else; what happens
/// within a quarter of an hour goes out in one mail; a job run twice mails once; a person who
/// turned it off gets nothing recorded; the link and a mail program's one-click post turn it off.
final class DigestTests: XCTestCase {
    func testANewVersionReachesFollowersAndNobodyElse() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, coordinator) = try await FollowFixture.published(app)
            _ = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Karim Haddou", email: "karim@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            try await fatima.post(PlansPath.follow(.value(plan.slug)).path)

            // MUT
            try await FollowFixture.publishAgain(app, plan, by: coordinator, note: "De tekst over de politiek is scherper.")
            try await FollowFixture.runDigests(app)

            // validation: one mail to the follower, with the note and the link to what changed
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 1)
            let mail = try XCTUnwrap(mails.first)
            XCTAssertEqual(mail.subject, "Nieuws over de plannen van De Kracht van Mokum")
            XCTAssertTrue(mail.text.contains("Calls to Action: versie 2 staat online"))
            XCTAssertTrue(mail.text.contains("De tekst over de politiek is scherper."))
            XCTAssertTrue(mail.text.contains(PlansPath.diff(.value(plan.slug), from: 1, to: 2).path))
            XCTAssertTrue(mail.text.contains(PlansPath.unsubscribe(.value("")).stem), "the text part keeps its last lines")
            XCTAssertTrue(mail.raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            XCTAssertTrue(mail.raw.contains("List-Unsubscribe: <http://kracht.test/plannen/afmelden?token="))
            XCTAssertEqual(try MailSink.messages(app: app, to: "karim@example.nl").count, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: "coordinator@example.nl").count, 0)
            let unsent = try await PlanNotification.query(on: app.db).filter(\.$sentAt == nil).count()
            XCTAssertEqual(unsent, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnAnswerAndADecidedSuggestionGoOutInOneMail() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: Fatima reacts and proposes; the movement answers and declines within minutes
            let (plan, coordinator) = try await FollowFixture.published(app)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let section = try await FollowFixture.sections(app, plan)[0]
            let planID = try plan.requireID()
            let posted = try await PostReaction(app: app).run(
                planID: planID,
                input: .init(sectionID: section.id, activityID: nil, parentID: nil, body: "Wanneer begint dit?", asMovement: false),
                by: fatima, isCoordinator: false)
            guard case .posted(let reactionID) = posted else { return XCTFail("not posted: \(posted)") }
            let input = SuggestionInput(
                kind: .activity, sectionID: try section.requireID(), title: "Buurtsoep op zondag", body: "Elke zondag soep.", timing: nil,
                needs: nil, domain: nil, district: nil, explanation: nil)
            guard
                case .proposed(let suggestionID, _) = try await ProposeSuggestion(app: app).run(
                    input, plan: planID, by: fatima, language: .nl)
            else { return XCTFail("not proposed") }

            // MUT
            let answer = try await PostReaction(app: app).run(
                planID: planID,
                input: .init(sectionID: section.id, activityID: nil, parentID: reactionID, body: "In maart, kom je ook?", asMovement: true),
                by: coordinator, isCoordinator: true)
            app.clock.advance(by: 5 * 60)
            let decided = try await DecideSuggestion(app: app).run(
                suggestionID, plan: planID, decision: "decline", reason: "Dit past beter bij de buurtavonden.", mergedInto: nil,
                by: coordinator, language: .nl)
            try await FollowFixture.runDigests(app)

            // validation: one mail with both, the answer as the movement with a link to it
            guard case .posted(let answerID) = answer else { return XCTFail("not answered: \(answer)") }
            XCTAssertEqual(decided, .declined)
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 1)
            let text = try XCTUnwrap(mails.first).text
            XCTAssertTrue(text.contains("De Kracht van Mokum reageerde op je reactie bij Calls to Action."))
            XCTAssertTrue(text.contains("In maart, kom je ook?"))
            XCTAssertTrue(text.contains("#reactie-\(answerID.uuidString)"))
            XCTAssertTrue(text.contains("Je voorstel ‘Buurtsoep op zondag’ voor Calls to Action is niet aangenomen."))
            XCTAssertTrue(text.contains("Dit past beter bij de buurtavonden."))
            XCTAssertEqual(try MailSink.messages(app: app, to: "coordinator@example.nl").count, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAJobRunTwiceOrTwiceAtOnceMailsOnceAndHiddenAnswersAreLeftOut() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: two pieces of news for Fatima, one of them an answer since hidden
            let (plan, _) = try await FollowFixture.published(app)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let fatimaID = try fatima.requireID()
            let first = try await PlanVersion.query(on: app.db).first()
            let version = try XCTUnwrap(first)
            let section = try await FollowFixture.sections(app, plan)[0]
            let hidden = PlanReaction(
                planID: try plan.requireID(), sectionID: try section.requireID(), activityID: nil, parentID: nil, versionNumber: 1,
                userID: nil, asMovement: false, body: "Verborgen antwoord", now: app.clock.now())
            hidden.status = .removed
            try await hidden.create(on: app.db)
            let now = app.clock.now()
            try await app.db.writeTransaction { db in
                try await PlanNotifications.record(
                    .versionPublished, for: [fatimaID], planID: plan.requireID(), subjectID: version.requireID(), now: now, on: db)
                try await PlanNotifications.record(
                    .reply, for: [fatimaID, fatimaID], planID: plan.requireID(), subjectID: hidden.requireID(), now: now, on: db)
            }
            let jobs = try await Job.query(on: app.db).filter(\.$kind == PlanDigest.kind).count()
            XCTAssertEqual(jobs, 1, "one digest job per person per window")

            // MUT: the job's work twice at the same moment, and once more after
            async let one = PlanDigest.send(to: fatimaID, app: app)
            async let two = PlanDigest.send(to: fatimaID, app: app)
            let sent = try await [one, two]
            let again = try await PlanDigest.send(to: fatimaID, app: app)
            try await FollowFixture.runDigests(app)

            // validation
            XCTAssertEqual(sent.filter { $0 }.count, 1)
            XCTAssertFalse(again)
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 1)
            XCTAssertTrue(mails.first?.text.contains("Er is 1 bericht voor je") ?? false)
            XCTAssertFalse(mails.first?.text.contains("Verborgen antwoord") ?? true)
        }
    }

    func testSomeoneWhoTurnedTheDigestOffGetsNothingRecorded() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, coordinator) = try await FollowFixture.published(app)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let karim = try await app.makeUser(name: "Karim Haddou", email: "karim@example.nl")
            for user in [fatima, karim] {
                _ = try await FollowPlan(app: app).run(planID: plan.requireID(), userID: user.requireID(), follow: true)
            }
            let outcome = try await PlanDigestSwitch(app: app).turnOff(userID: fatima.requireID())

            // MUT: a new version and an answer to her
            try await FollowFixture.publishAgain(app, plan, by: coordinator, note: "Scherper.")
            let now = app.clock.now()
            try await app.db.writeTransaction { db in
                try await PlanNotifications.record(
                    .reply, for: [fatima.requireID()], planID: plan.requireID(), subjectID: UUID(), now: now, on: db)
            }

            // validation: Karim only
            XCTAssertEqual(outcome, .turnedOff)
            let rows = try await PlanNotification.query(on: app.db).all()
            XCTAssertEqual(rows.map(\.userID), [try karim.requireID()])
            try await FollowFixture.runDigests(app)
            XCTAssertEqual(try MailSink.messages(app: app, to: "fatima@example.nl").count, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: "karim@example.nl").count, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
