import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Reacting to a published plan: in one's own name, answers one level deep, the movement's
/// answer only from a coordinator, withdrawing, bad input, and a reaction on an older version.
final class ReactionTests: XCTestCase {
    func testResidentReactsOthersAnswerOneLevelDeepAndOnlyCoordinatorsAnswerAsTheMovement() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID()
            let sectionPath = PlansPath.section(.value(plan.slug), section: .value(section)).path
            let react = PlansPath.react(.value(plan.slug)).path
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            _ = try await app.makeUser(name: "Coördinator", email: "coord@example.nl", roles: [.coordinator])
            let asFatima = Browser(app), asJan = Browser(app), asCoordinator = Browser(app)
            try await asFatima.logIn("fatima@example.nl")
            try await asJan.logIn("jan@example.nl")
            try await asCoordinator.logIn("coord@example.nl")

            // MUT: a reaction, an answer, an answer to the answer, and a claim to speak for the movement
            let posted = try await asFatima.post(
                react, ["section": section.uuidString, "body": "Goed plan!\nIk denk mee.", "terug": sectionPath, "namens": "ja"])
            XCTAssertEqual(posted.status, .seeOther)
            let first = try await ReactionFixture.only(app, body: "Goed plan!\nIk denk mee.")
            XCTAssertEqual(posted.location, sectionPath + "#reactie-\(first.id!.uuidString)")
            XCTAssertFalse(first.asMovement, "only a coordinator answers as the movement")
            XCTAssertEqual(first.versionNumber, 1)
            try await asJan.post(
                react, ["section": section.uuidString, "parent": first.id!.uuidString, "body": "Eens!", "terug": sectionPath])
            let answer = try await ReactionFixture.only(app, body: "Eens!")
            try await asJan.post(
                react, ["section": section.uuidString, "parent": answer.id!.uuidString, "body": "En nog iets.", "terug": sectionPath])
            try await asCoordinator.post(
                react,
                ["section": section.uuidString, "parent": first.id!.uuidString, "body": "Dank je, we nemen het mee.", "namens": "ja"])
            let again = try await asFatima.post(
                react, ["section": section.uuidString, "body": "Goed plan!\nIk denk mee.", "terug": "https://elders.example/"])

            // validation
            let secondAnswerParent = try await ReactionFixture.only(app, body: "En nog iets.").parentID
            XCTAssertEqual(secondAnswerParent, first.id, "an answer to an answer joins the thread")
            XCTAssertEqual(answer.parentID, first.id)
            let movementAnswer = try await ReactionFixture.only(app, body: "Dank je, we nemen het mee.").asMovement
            XCTAssertTrue(movementAnswer)
            XCTAssertEqual(
                again.location, sectionPath + "#reactie-\(first.id!.uuidString)", "sent twice is one reaction, and never away from the plan"
            )
            let reactions = try await PlanReaction.query(on: app.db).count()
            XCTAssertEqual(reactions, 4)
            let counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 4)
            let told = try await PlanNotification.query(on: app.db).filter(\.$kind == .reply).all()
            XCTAssertEqual(Set(told.map(\.userID)), [fatima.id!], "Fatima hears of the answers; Jan not of his own")
            let page = try await Browser(app).get(sectionPath)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Goed plan!\nIk denk mee.") && html.contains("Fatima Amrani") && html.contains("Jan de Vries"))
            XCTAssertTrue(html.contains("namens De Kracht van Mokum"))
            XCTAssertTrue(html.contains("Log in om te reageren"))
            XCTAssertTrue(html.contains(PlansPath.houseRules.path))
            XCTAssertFalse(html.contains("fatima@example.nl"))
            let counts = try await ReactionCounts.load(planID: plan.requireID(), on: app.db)
            XCTAssertEqual(counts.forSection(section), 4)
            XCTAssertEqual(counts.forSection(try sections[1].requireID()), 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testEmptyTooLongAndMisplacedReactionsAreRefusedAndChangeNothing() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let other = try await PlanFixture.draft(app, slug: "ander-plan")
            let (_, otherSections) = try await ReactionFixture.publish(app, other)
            let section = try sections[0].requireID().uuidString
            let react = PlansPath.react(.value(plan.slug)).path
            _ = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")

            // MUT
            let empty = try await browser.post(react, ["section": section, "body": "   \n "])
            let long = try await browser.post(react, ["section": section, "body": String(repeating: "a", count: 5_001)])
            let huge = try await browser.post(react, ["section": section, "body": String(repeating: "b", count: 100 * 1024)])
            let elsewhere = try await browser.post(react, ["section": try otherSections[0].requireID().uuidString, "body": "Hallo"])
            let noSection = try await browser.post(react, ["body": "Hallo"])
            let wrongActivity = try await browser.post(
                react, ["section": section, "activity": try otherSections[0].requireID().uuidString, "body": "Hallo daar"])
            let badActivity = try await browser.post(react, ["section": section, "activity": "geen-id", "body": "Hallo hier"])

            // validation
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertTrue(empty.body.string.contains("Schrijf eerst je reactie."))
            XCTAssertTrue(empty.body.string.contains("<title>Fout:"))
            XCTAssertEqual(long.status, .badRequest)
            XCTAssertTrue(long.body.string.contains("Je reactie is te lang: hoogstens 5000 tekens."))
            XCTAssertTrue(long.body.string.contains(String(repeating: "a", count: 5_001)), "the text typed comes back to be shortened")
            XCTAssertEqual(huge.status, .badRequest)
            XCTAssertTrue(huge.body.string.contains("hoogstens 5000 tekens"))
            XCTAssertTrue(huge.body.string.contains("te groot om te bewaren"), "says the text could not be kept")
            XCTAssertTrue(huge.body.string.contains("id=\"reactie-opnieuw\""), "the section's page with the form again")
            XCTAssertEqual(elsewhere.status, .notFound)
            XCTAssertEqual(noSection.status, .notFound)
            XCTAssertEqual(wrongActivity.status, .conflict)
            XCTAssertTrue(wrongActivity.body.string.contains("Dit onderdeel staat niet meer in de nieuwste versie van het plan."))
            XCTAssertTrue(wrongActivity.body.string.contains("Hallo daar"), "the text typed is kept")
            XCTAssertEqual(badActivity.status, .badRequest)
            XCTAssertTrue(badActivity.body.string.contains("Deze activiteit bestaat niet."))
            XCTAssertTrue(badActivity.body.string.contains("Hallo hier"))
            let reactions = try await PlanReaction.query(on: app.db).count()
            XCTAssertEqual(reactions, 0)
            let counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAWithdrawnReactionKeepsItsAnswersAndTakesNoNewOnes() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID()
            let sectionPath = PlansPath.section(.value(plan.slug), section: .value(section)).path
            let react = PlansPath.react(.value(plan.slug)).path
            _ = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            let asFatima = Browser(app), asJan = Browser(app)
            try await asFatima.logIn("fatima@example.nl")
            try await asJan.logIn("jan@example.nl")
            try await asFatima.post(react, ["section": section.uuidString, "body": "Dit wil ik kwijt."])
            let first = try await ReactionFixture.only(app, body: "Dit wil ik kwijt.")
            try await asJan.post(
                react, ["section": section.uuidString, "parent": first.id!.uuidString, "body": "Daar ben ik het mee eens."])

            // MUT
            let notHis = try await asJan.post(PlansPath.withdrawReaction(.value(first.id!)).path)
            let withdrawn = try await asFatima.post(PlansPath.withdrawReaction(.value(first.id!)).path)
            let twice = try await asFatima.post(PlansPath.withdrawReaction(.value(first.id!)).path)
            let lateAnswer = try await asJan.post(
                react, ["section": section.uuidString, "parent": first.id!.uuidString, "body": "Nog een antwoord."])

            // validation
            XCTAssertEqual(notHis.status, .notFound)
            XCTAssertEqual(withdrawn.status, .seeOther)
            XCTAssertEqual(twice.location, withdrawn.location)
            let after = try await PlanReaction.find(first.id, on: app.db)
            XCTAssertEqual(after?.status, .withdrawn)
            XCTAssertEqual(after?.body, "")
            XCTAssertEqual(lateAnswer.status, .badRequest)
            XCTAssertTrue(lateAnswer.body.string.contains("De reactie waarop je antwoordt is er niet meer."))
            XCTAssertTrue(lateAnswer.body.string.contains("Nog een antwoord."), "the text typed stays, to post on the section")
            let counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 1)
            let html = try await Browser(app).get(sectionPath).body.string
            XCTAssertTrue(html.contains("ingetrokken door de schrijver"))
            XCTAssertFalse(html.contains("Dit wil ik kwijt."))
            XCTAssertTrue(html.contains("Daar ben ik het mee eens."))
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAReactionOnAnOlderVersionSaysWhichVersion() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID()
            _ = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            try await browser.post(PlansPath.react(.value(plan.slug)).path, ["section": section.uuidString, "body": "Over versie een."])

            // MUT
            sections[0].body += "\n\nEen zin erbij in versie twee."
            try await sections[0].save(on: app.db)
            _ = try await ReactionFixture.publish(app, plan)
            let html = try await Browser(app).get(PlansPath.section(.value(plan.slug), section: .value(section)).path).body.string

            // validation
            XCTAssertTrue(html.contains("geschreven bij versie 1"))
            XCTAssertTrue(html.contains(PlansPath.version(.value(plan.slug), number: .value(1)).path))
        }
    }

    func testASectionDroppedFromTheLatestVersionKeepsItsReactionsAndTakesNoNewOnes() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let dropped = try sections[1].requireID()
            _ = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            try await browser.post(PlansPath.react(.value(plan.slug)).path, ["section": dropped.uuidString, "body": "Goed onderdeel."])
            sections[1].removedAt = app.clock.now()
            try await sections[1].save(on: app.db)
            try await ReactionFixture.publish(app, plan)

            // MUT
            let page = try await browser.get(PlansPath.section(.value(plan.slug), section: .value(dropped)).path)
            let late = try await browser.post(PlansPath.react(.value(plan.slug)).path, ["section": dropped.uuidString, "body": "Te laat."])

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("staat niet meer in de nieuwste versie"))
            XCTAssertTrue(page.body.string.contains(PlansPath.version(.value(plan.slug), number: .value(1)).path))
            XCTAssertTrue(page.body.string.contains("Goed onderdeel."))
            XCTAssertFalse(page.body.string.contains("Reactie plaatsen"), "no form for a section that is gone")
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.body.string.contains("Dit onderdeel staat niet meer in de nieuwste versie van het plan."))
            XCTAssertTrue(late.body.string.contains("Te laat."), "the text typed is kept")
            XCTAssertFalse(late.body.string.contains("<button type=\"submit\">Reactie plaatsen"), "nothing to send it to again")
            let counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnActivitysReactionsAreCountedApartAndAThreadShowsFiftyAtATime() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID()
            let activity = try await PlanActivity.query(on: app.db).filter(\.$sectionID == section).first()!.requireID()
            let writer = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            for n in 1...51 {
                let reaction = PlanReaction(
                    planID: try plan.requireID(), sectionID: section, activityID: nil, parentID: nil, versionNumber: 1, userID: writer.id,
                    asMovement: false, body: "Oude reactie \(n).", now: app.clock.now().addingTimeInterval(Double(n - 100)))
                try await reaction.create(on: app.db)
            }
            plan.reactionCount = 51
            try await plan.save(on: app.db)

            // MUT
            let onActivity = try await browser.post(
                PlansPath.react(.value(plan.slug)).path,
                ["section": section.uuidString, "activity": activity.uuidString, "body": "Ik help!"])
            let first = try await Browser(app).get(PlansPath.section(.value(plan.slug), section: .value(section)).path).body.string
            let second = try await Browser(app).get(PlansPath.section(.value(plan.slug), section: .value(section), page: 2).path).body
                .string

            // validation
            let reaction = try await ReactionFixture.only(app, body: "Ik help!")
            XCTAssertEqual(
                onActivity.location,
                PlansPath.activity(.value(plan.slug), activity: .value(activity)).path + "#reactie-\(reaction.id!.uuidString)")
            let counts = try await ReactionCounts.load(planID: plan.requireID(), on: app.db)
            XCTAssertEqual(counts.forSection(section), 51)
            XCTAssertEqual(counts.forActivity(activity), 1)
            XCTAssertTrue(first.contains("51 reacties"))
            XCTAssertTrue(first.contains("Oude reactie 50.") && !first.contains("Oude reactie 51."))
            XCTAssertTrue(first.contains("?pagina=2"))
            XCTAssertTrue(second.contains("Oude reactie 51.") && !second.contains("Oude reactie 50."))
            XCTAssertFalse(first.contains("Ik help!"), "an activity's reactions are on its own page")
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testReactingFastIsLimited() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, sections) = try await ReactionFixture.published(app)
            let section = try sections[0].requireID().uuidString
            _ = try await app.makeUser(email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")

            // MUT
            for n in 1...ReactionLimits.react.limit {
                try await browser.post(PlansPath.react(.value(plan.slug)).path, ["section": section, "body": "Reactie \(n)"])
            }
            let tooMany = try await browser.post(PlansPath.react(.value(plan.slug)).path, ["section": section, "body": "Nog een"])

            // validation
            XCTAssertEqual(tooMany.status, .tooManyRequests)
            XCTAssertTrue(tooMany.body.string.contains("Wacht een minuut"))
            let counted = try await Plan.find(plan.id, on: app.db)?.reactionCount
            XCTAssertEqual(counted, ReactionLimits.react.limit)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}

/// A published plan for the reaction tests (the lead unifies the fixtures).
enum ReactionFixture {
    static func published(_ app: Application) async throws -> (Plan, [PlanSection]) {
        try await publish(app, try await PlanFixture.draft(app))
    }

    /// The draft published as the next version, through `PublishPlan`.
    @discardableResult
    static func publish(_ app: Application, _ plan: Plan) async throws -> (Plan, [PlanSection]) {
        try await PlanFixture.publish(app, plan, note: "Versie.")
        let sections = try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).all()
        return (plan, sections)
    }

    static func only(_ app: Application, body: String) async throws -> PlanReaction {
        let found = try await PlanReaction.query(on: app.db).filter(\.$body == body).all()
        XCTAssertEqual(found.count, 1, "one reaction saying \(body)")
        return try XCTUnwrap(found.first)
    }
}
