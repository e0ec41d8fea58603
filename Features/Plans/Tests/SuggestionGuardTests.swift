import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// What proposing and deciding refuse: a section no longer in the plan, empty, too long and too many proposals, a resident's
/// decision, and two decisions at once.
final class SuggestionGuardTests: XCTestCase {
    func testASectionNoLongerInThePlanTakesNoSuggestionAndCannotBeAcceptedInto() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: version 2 drops the second section; an open suggestion waits on the first
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let sections = try await SuggestionFixture.sections(app, plan)
            let anna = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let open = try await SuggestionFixture.propose(app, plan, sections[0], by: anna, kind: .activity, body: "Samen koken.")
            sections[1].removedAt = app.clock.now()
            try await sections[1].save(on: app.db)
            _ = try await PublishPlan(app: app).run(planID: plan.requireID(), note: "Onderdeel weg.", by: coordinator, language: .nl)
            let browser = Browser(app)
            try await browser.logIn("anna@example.nl")
            let slug = Parameter<String>.value(plan.slug)

            // MUT: the form and a post for the removed section
            let page = try await browser.get(PlansPath.suggest(slug, section: try sections[1].requireID(), kind: "activity").path)
            let post = try await browser.post(
                PlansPath.suggest(slug).path,
                ["kind": "activity", "section": try sections[1].requireID().uuidString, "title": "Iets", "body": "Meer."])

            // validation
            XCTAssertEqual(page.status, .notFound)
            XCTAssertTrue(page.body.string.contains("Dit onderdeel staat niet meer in het plan"))
            XCTAssertEqual(post.status, .conflict)
            XCTAssertTrue(post.body.string.contains("Dit onderdeel staat niet meer in het plan"))
            let count = try await PlanSuggestion.query(on: app.db).count()
            XCTAssertEqual(count, 1)

            // MUT: the first section leaves the draft too, then the waiting suggestion is accepted
            sections[0].removedAt = app.clock.now()
            try await sections[0].save(on: app.db)
            let outcome = try await DecideSuggestion(app: app).run(
                open, plan: plan.requireID(), decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)

            // validation: nothing changed
            XCTAssertEqual(outcome, .sectionGone)
            let status = try await PlanSuggestion.find(open, on: app.db)?.status
            XCTAssertEqual(status, .open)
            let activities = try await PlanActivity.query(on: app.db).filter(\.$suggestionID == open).count()
            XCTAssertEqual(activities, 0)
            let acceptedCount = try await Plan.find(plan.id, on: app.db)?.acceptedSuggestions
            XCTAssertEqual(acceptedCount, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testEmptyHugeAndTooManySuggestionsAreRefusedWithAClearMessage() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, _) = try await SuggestionFixture.published(app)
            let section = try await SuggestionFixture.sections(app, plan)[0]
            _ = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let browser = Browser(app)
            try await browser.logIn("anna@example.nl")
            let path = PlansPath.suggest(.value(plan.slug)).path
            let base = ["kind": "activity", "section": try section.requireID().uuidString]

            // MUT
            let empty = try await browser.post(path, base.merging(["title": " ", "body": ""]) { $1 })
            let long = try await browser.post(path, base.merging(["title": "Lang", "body": String(repeating: "a", count: 5_001)]) { $1 })
            let longText = try await browser.post(
                path,
                ["kind": "section_text", "section": base["section"]!, "title": "Lang", "body": String(repeating: "b ", count: 30_000)])
            let hugePath = PlansPath.suggest(.value(plan.slug), section: try section.requireID(), kind: "activity").path
            let huge = try await browser.post(
                hugePath, base.merging(["title": "Groot", "body": String(repeating: "a", count: 100_000)]) { $1 })
            let badDomain = try await browser.post(path, base.merging(["title": "Thema", "body": "Iets.", "domain": "geen-thema"]) { $1 })
            var statuses: [HTTPStatus] = []
            for number in 1...6 {
                statuses.append(
                    try await browser.post(path, base.merging(["title": "Idee \(number)", "body": "Uitleg \(number)."]) { $1 }).status)
            }

            // validation
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertTrue(empty.body.string.contains("Vul dit veld in"))
            XCTAssertEqual(long.status, .badRequest)
            XCTAssertTrue(long.body.string.contains("maximaal 5000 tekens"))
            XCTAssertEqual(longText.status, .badRequest)
            XCTAssertTrue(longText.body.string.contains("maximaal 50000 tekens"))
            XCTAssertEqual(huge.status, .badRequest)
            XCTAssertTrue(huge.body.string.contains("te lang"))
            XCTAssertTrue(huge.body.string.contains("Stel een nieuwe activiteit voor"), "the form again, for the same section")
            XCTAssertEqual(badDomain.status, .badRequest)
            XCTAssertTrue(badDomain.body.string.contains("Kies een thema uit de lijst"))
            XCTAssertEqual(statuses, [.seeOther, .seeOther, .seeOther, .seeOther, .seeOther, .tooManyRequests])
            let count = try await PlanSuggestion.query(on: app.db).count()
            XCTAssertEqual(count, 5)
        }
    }

    func testOnlyCoordinatorsDecideAndTwoDecisionsAtOnceLandOnOne() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let section = try await SuggestionFixture.sections(app, plan)[0]
            let anna = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let id = try await SuggestionFixture.propose(app, plan, section, by: anna, kind: .activity, body: "Samen koken.")
            let slug = Parameter<String>.value(plan.slug)
            let resident = Browser(app)
            try await resident.logIn("anna@example.nl")

            // MUT: a resident and a visitor try to decide; anyone reads the list
            let refused = try await resident.post(PlansPath.decideSuggestion(slug, id: .value(id)).path, ["decision": "accept"])
            let anonymous = try await Browser(app).post(PlansPath.decideSuggestion(slug, id: .value(id)).path, ["decision": "accept"])
            let list = try await Browser(app).get(PlansPath.suggestions(slug).path)
            let form = try await Browser(app).get(PlansPath.suggest(slug).path)

            // validation
            XCTAssertEqual(refused.status, .forbidden)
            XCTAssertEqual(anonymous.status, .unauthorized)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains("Anna de Vries"))
            XCTAssertEqual(form.status, .seeOther, "proposing needs an account")
            let status = try await PlanSuggestion.find(id, on: app.db)?.status
            XCTAssertEqual(status, .open)

            // MUT: two coordinators accept at the same moment
            let decide = DecideSuggestion(app: app)
            let planID = try plan.requireID()
            async let one = decide.run(id, plan: planID, decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)
            async let two = decide.run(id, plan: planID, decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)
            let outcomes = try await [one, two]

            // validation: one accepted, one already decided; one activity, one count
            XCTAssertEqual(outcomes.filter { $0 == .accepted }.count, 1)
            XCTAssertEqual(outcomes.filter { $0 == .alreadyDecided }.count, 1)
            let activities = try await PlanActivity.query(on: app.db).filter(\.$suggestionID == id).count()
            XCTAssertEqual(activities, 1)
            let acceptedCount = try await Plan.find(planID, on: app.db)?.acceptedSuggestions
            XCTAssertEqual(acceptedCount, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
