import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Reporting and moderation: three reporters hide a reaction until a coordinator decides; each
/// reporter counts once; a decision is logged for coordinators; residents cannot moderate.
final class ModerationTests: XCTestCase {
    func testThreeReportsHideAReactionUntilAModeratorKeepsOrRemovesIt() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID()
            let sectionPath = PlansPath.section(.value(plan.slug), section: .value(section)).path
            _ = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            _ = try await app.makeUser(name: "Sanne Bakker", email: "sanne@example.nl")
            _ = try await app.makeUser(name: "Coco Coördinator", email: "coord@example.nl", roles: [.coordinator])
            let asFatima = Browser(app), asJan = Browser(app), asSanne = Browser(app), visitor = Browser(app), asCoordinator = Browser(app)
            try await asFatima.logIn("fatima@example.nl")
            try await asJan.logIn("jan@example.nl")
            try await asSanne.logIn("sanne@example.nl")
            try await asCoordinator.logIn("coord@example.nl")
            for body in ["Koop nu goedkope zonnebrillen!", "Mijn buurman op nummer 12 is een fraudeur."] {
                try await asFatima.post(PlansPath.react(.value(plan.slug)).path, ["section": section.uuidString, "body": body])
            }
            let spam = try await ReactionFixture.only(app, body: "Koop nu goedkope zonnebrillen!")
            let personal = try await ReactionFixture.only(app, body: "Mijn buurman op nummer 12 is een fraudeur.")
            let reportSpam = PlansPath.reportReaction(.value(spam.id!)).path

            // MUT: two reports (one of them twice), then a visitor's third
            let form = try await visitor.get(reportSpam)
            try await asJan.post(reportSpam, ["reden": "spam"])
            let janAgain = try await asJan.post(reportSpam, ["reden": "insult"])
            try await asSanne.post(reportSpam, ["reden": "spam", "toelichting": "Reclame"])
            let afterTwo = try await PlanReaction.find(spam.id, on: app.db)
            let third = try await visitor.post(reportSpam, ["reden": "other"])

            // validation: held, counted down, hidden in place
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Koop nu goedkope zonnebrillen!"))
            XCTAssertEqual(janAgain.status, .seeOther)
            XCTAssertEqual(afterTwo?.status, .visible)
            XCTAssertEqual(afterTwo?.reportCount, 2, "the same reporter counts once")
            XCTAssertEqual(third.location, sectionPath + "#reactie-\(spam.id!.uuidString)")
            let held = try await PlanReaction.find(spam.id, on: app.db)
            XCTAssertEqual(held?.status, .held)
            let reporters = try await PlanReactionReport.query(on: app.db).all().map(\.reporterKey)
            XCTAssertFalse(reporters.contains { $0.contains("127.0.0.1") || $0.contains("unknown") }, "no address is stored")
            var counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 1)
            var html = try await Browser(app).get(sectionPath).body.string
            XCTAssertFalse(html.contains("zonnebrillen"))
            XCTAssertTrue(html.contains("verborgen tot een moderator"))

            // MUT: residents may not moderate; a coordinator keeps it
            let residentPage = try await asJan.get(PlansPath.moderation.path)
            let residentDecides = try await asJan.post(PlansPath.decideReaction(.value(spam.id!)).path, ["besluit": "remove"])
            let queue = try await asCoordinator.get(PlansPath.moderation.path)
            let kept = try await asCoordinator.post(
                PlansPath.decideReaction(.value(spam.id!)).path, ["besluit": "keep", "reden": "Grapje tussen buren."])
            let reportedAgain = try await asJan.post(reportSpam, ["reden": "spam"])

            // validation
            XCTAssertEqual(residentPage.status, .forbidden)
            XCTAssertEqual(residentDecides.status, .forbidden)
            XCTAssertEqual(queue.status, .ok)
            XCTAssertTrue(queue.body.string.contains("Koop nu goedkope zonnebrillen!"))
            XCTAssertTrue(queue.body.string.contains("Reclame of spam: Reclame"))
            XCTAssertFalse(queue.body.string.contains("jan@example.nl"))
            XCTAssertEqual(kept.location, PlansPath.moderation.path)
            XCTAssertEqual(reportedAgain.status, .seeOther)
            let keptReaction = try await PlanReaction.find(spam.id, on: app.db)
            XCTAssertEqual(keptReaction?.status, .visible)
            XCTAssertEqual(keptReaction?.reportCount, 0, "the old reports cannot hold it again")
            counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 2)

            // MUT: the other reaction is reported once and removed
            try await asJan.post(PlansPath.reportReaction(.value(personal.id!)).path, ["reden": "personal_data"])
            let removed = try await asCoordinator.post(
                PlansPath.decideReaction(.value(personal.id!)).path, ["besluit": "remove", "reden": "Gegevens van een buurman."])
            let decidedTwice = try await asCoordinator.post(PlansPath.decideReaction(.value(personal.id!)).path, ["besluit": "keep"])

            // validation: removed in place, counters right, the log for coordinators
            XCTAssertEqual(removed.status, .seeOther)
            XCTAssertEqual(decidedTwice.status, .seeOther)
            let gone = try await PlanReaction.find(personal.id, on: app.db)
            XCTAssertEqual(gone?.status, .removed)
            counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 1)
            html = try await Browser(app).get(sectionPath).body.string
            XCTAssertTrue(html.contains("verwijderd door een moderator"))
            XCTAssertFalse(html.contains("fraudeur"))
            let log = try await asCoordinator.get(PlansPath.moderation.path).body.string
            XCTAssertTrue(log.contains("Grapje tussen buren.") && log.contains("Gegevens van een buurman."))
            XCTAssertTrue(log.contains("Coco Coördinator"))
            let decisions = try await PlanModerationDecision.query(on: app.db).count()
            XCTAssertEqual(decisions, 2)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["plans.reaction.keep", "plans.reaction.remove"])
                .count()
            XCTAssertEqual(audited, 2)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAReportNeedsAReasonAndAShortNote() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            _ = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            try await browser.post(
                PlansPath.react(.value(plan.slug)).path, ["section": try sections[0].requireID().uuidString, "body": "Hoi"])
            let reaction = try await ReactionFixture.only(app, body: "Hoi")
            let path = PlansPath.reportReaction(.value(reaction.id!)).path

            // MUT
            let noReason = try await Browser(app).post(path, ["reden": "omdat"])
            let longNote = try await Browser(app).post(path, ["reden": "other", "toelichting": String(repeating: "x", count: 501)])
            let unknown = try await Browser(app).get(PlansPath.reportReaction(.value(UUID())).path)

            // validation
            XCTAssertEqual(noReason.status, .badRequest)
            XCTAssertTrue(noReason.body.string.contains("Kies waarom je de reactie meldt."))
            XCTAssertEqual(longNote.status, .badRequest)
            XCTAssertTrue(longNote.body.string.contains("maximaal 500 tekens"))
            XCTAssertEqual(unknown.status, .notFound)
            let reports = try await PlanReactionReport.query(on: app.db).count()
            XCTAssertEqual(reports, 0)
        }
    }

    func testHouseRulesArePublic() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // MUT
            let page = try await Browser(app).get(PlansPath.houseRules.path)

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Huisregels voor reacties"))
            XCTAssertTrue(page.body.string.contains("verwijderd account"))
            XCTAssertTrue(page.body.string.contains("Na 3 meldingen"))
        }
    }
}
