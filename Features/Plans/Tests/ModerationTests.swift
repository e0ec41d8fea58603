import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Reporting and moderation: three signed-in reporters hide a reaction until a coordinator decides;
/// each reporter counts once; visitors' reports are shown but hide nothing; a decision is logged
/// for coordinators and settles the reports before it; residents cannot moderate.
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
            _ = try await app.makeUser(name: "Piet Jansen", email: "piet@example.nl")
            _ = try await app.makeUser(name: "Kees Smit", email: "kees@example.nl")
            _ = try await app.makeUser(name: "Coco Coördinator", email: "coord@example.nl", roles: [.coordinator])
            let asFatima = Browser(app), asJan = Browser(app), asSanne = Browser(app), visitor = Browser(app), asCoordinator = Browser(app)
            let asPiet = Browser(app), asKees = Browser(app)
            try await asPiet.logIn("piet@example.nl")
            try await asKees.logIn("kees@example.nl")
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

            // MUT: two reports (one of them twice), a visitor's (counts for nothing), then a third
            let form = try await visitor.get(reportSpam)
            try await asJan.post(reportSpam, ["reden": "spam"])
            let janAgain = try await asJan.post(reportSpam, ["reden": "insult"])
            try await asSanne.post(reportSpam, ["reden": "spam", "toelichting": "Reclame"])
            let byVisitor = try await visitor.post(reportSpam, ["reden": "other", "toelichting": "Van een bezoeker"])
            let afterTwo = try await PlanReaction.find(spam.id, on: app.db)
            let third = try await asPiet.post(reportSpam, ["reden": "other"])

            // validation: held, counted down, hidden in place
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Koop nu goedkope zonnebrillen!"))
            XCTAssertEqual(janAgain.status, .seeOther)
            XCTAssertEqual(afterTwo?.status, .visible)
            XCTAssertEqual(byVisitor.status, .seeOther)
            XCTAssertEqual(afterTwo?.status, .visible, "a visitor's report does not count")
            XCTAssertEqual(afterTwo?.reportCount, 2, "the same reporter counts once, a visitor not at all")
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
            XCTAssertTrue(queue.body.string.contains("Iets anders: Van een bezoeker"))
            XCTAssertTrue(queue.body.string.contains("zonder account, telt niet mee"), "a visitor's report is marked")
            XCTAssertFalse(queue.body.string.contains("jan@example.nl"))
            XCTAssertEqual(kept.location, PlansPath.moderation.path)
            XCTAssertEqual(reportedAgain.status, .seeOther)
            let keptReaction = try await PlanReaction.find(spam.id, on: app.db)
            XCTAssertEqual(keptReaction?.status, .visible)
            XCTAssertEqual(keptReaction?.reportCount, 0, "the old reports cannot hold it again")
            counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 2)

            // MUT: reported again after the decision, by someone new
            app.clock.advance(by: 1)
            try await asKees.post(reportSpam, ["reden": "insult", "toelichting": "Nieuwe melding"])
            let newQueue = try await asCoordinator.get(PlansPath.moderation.path).body.string

            // validation: only the report since the decision is shown
            XCTAssertTrue(newQueue.contains("Beledigend of kwetsend: Nieuwe melding"))
            XCTAssertFalse(newQueue.contains("Reclame of spam: Reclame"), "reports settled by the decision are not shown again")
            XCTAssertFalse(newQueue.contains("Van een bezoeker"))

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
            let stillReported = try await asCoordinator.get(PlansPath.moderation.path).body.string
            XCTAssertTrue(stillReported.contains("Nieuwe melding"), "the spam reaction awaits a decision again")
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["plans.reaction.keep", "plans.reaction.remove"])
                .count()
            XCTAssertEqual(audited, 2)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testThreeAnonymousReportsHideNothingButReachTheModerators() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            _ = try await app.makeUser(email: "fatima@example.nl")
            let coordinator = try await app.makeUser(name: "Coco Coördinator", email: "coord@example.nl", roles: [.coordinator])
            let asFatima = Browser(app), asCoordinator = Browser(app)
            try await asFatima.logIn("fatima@example.nl")
            try await asCoordinator.logIn("coord@example.nl")
            try await asFatima.post(
                PlansPath.react(.value(plan.slug)).path, ["section": try sections[0].requireID().uuidString, "body": "Ik ben het oneens."])
            let reaction = try await ReactionFixture.only(app, body: "Ik ben het oneens.")

            // MUT: one person from three connections (three address keys), and once more through the site
            var outcomes: [ReportReaction.Outcome] = []
            for n in 1...3 {
                outcomes.append(
                    try await ReportReaction(app: app).run(
                        reaction.id!, reason: "insult", text: "Verbinding \(n)", reporterKey: "a:verbinding\(n)", limitKey: "10.0.0.\(n)"))
            }
            let viaSite = try await Browser(app).post(PlansPath.reportReaction(.value(reaction.id!)).path, ["reden": "spam"])

            // validation: still shown, nothing counted, but the moderators see all four
            XCTAssertEqual(outcomes, Array(repeating: .reported(held: false), count: 3))
            XCTAssertEqual(viaSite.status, .seeOther)
            let after = try await PlanReaction.find(reaction.id, on: app.db)
            XCTAssertEqual(after?.status, .visible)
            XCTAssertEqual(after?.reportCount, 0)
            let html = try await Browser(app).get(PlansPath.section(.value(plan.slug), section: .value(sections[0].requireID())).path)
            XCTAssertTrue(html.body.string.contains("Ik ben het oneens."))
            let queue = try await asCoordinator.get(PlansPath.moderation.path).body.string
            XCTAssertTrue(queue.contains("Ik ben het oneens."))
            XCTAssertTrue(queue.contains("Verbinding 1") && queue.contains("Verbinding 3"))
            XCTAssertTrue(queue.contains("4 meldingen:"))
            XCTAssertEqual(queue.components(separatedBy: "zonder account, telt niet mee").count - 1, 4)
            let counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 1)

            // MUT: a moderator may still decide on it; after that the visitors' reports are settled
            let decide = PlansPath.decideReaction(.value(reaction.id!)).path
            let kept = try await asCoordinator.post(decide, ["besluit": "keep", "reden": "Gewoon een mening."])
            let again = try await DecideReaction(app: app).run(reaction.id!, decision: "remove", reason: nil, by: coordinator)

            // validation
            XCTAssertEqual(kept.location, PlansPath.moderation.path)
            XCTAssertEqual(again, .nothingToDecide)
            let afterDecision = try await asCoordinator.get(PlansPath.moderation.path).body.string
            XCTAssertFalse(afterDecision.contains("Verbinding 1"))
            XCTAssertTrue(afterDecision.contains("Gewoon een mening."), "in the log")
            let stillShown = try await PlanReaction.find(reaction.id, on: app.db)
            XCTAssertEqual(stillShown?.status, .visible)
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
            let huge = try await Browser(app).post(path, ["reden": "other", "toelichting": String(repeating: "y", count: 100 * 1024)])

            // validation
            XCTAssertEqual(noReason.status, .badRequest)
            XCTAssertTrue(noReason.body.string.contains("Kies waarom je de reactie meldt."))
            XCTAssertEqual(longNote.status, .badRequest)
            XCTAssertTrue(longNote.body.string.contains("maximaal 500 tekens"))
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(huge.status, .badRequest)
            XCTAssertTrue(huge.body.string.contains("hoogstens 500 tekens"))
            XCTAssertTrue(huge.body.string.contains("te groot om te bewaren"))
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
