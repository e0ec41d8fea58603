import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Residents propose a new activity or another text; coordinators accept (into the draft,
/// credited in the next version), merge or decline with a reason; the proposer is told.
final class SuggestionTests: XCTestCase {
    func testAnActivitySuggestionAcceptedIsInTheDraftAndCreditedInTheNextVersion() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let section = try await SuggestionFixture.sections(app, plan)[0]
            _ = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let anna = Browser(app)
            try await anna.logIn("anna@example.nl")
            let slug = Parameter<String>.value(plan.slug)
            let form = [
                "kind": "activity", "section": try section.requireID().uuidString, "title": "Buurtmaaltijd in Noord",
                "body": "Elke maand samen eten in het buurthuis.", "timing": "maandelijks", "needs": "Een keuken",
                "domain": app.reference.domains[0].slug, "district": app.reference.districts[0].code, "explanation": "Eten verbindt.",
            ]

            // MUT: the form, then proposing twice (a double click)
            let page = try await anna.get(PlansPath.suggest(slug, section: try section.requireID(), kind: "activity").path)
            let first = try await anna.post(PlansPath.suggest(slug).path, form)
            let second = try await anna.post(PlansPath.suggest(slug).path, form)

            // validation: one suggestion, open, written on version 1
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Stel een nieuwe activiteit voor"))
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(second.location, first.location)
            let suggestions = try await PlanSuggestion.query(on: app.db).all()
            XCTAssertEqual(suggestions.count, 1)
            let suggestion = try XCTUnwrap(suggestions.first)
            XCTAssertEqual(suggestion.status, .open)
            XCTAssertEqual(suggestion.baseVersion, 1)
            let id = try suggestion.requireID()
            XCTAssertEqual(first.location, PlansPath.suggestion(slug, id: .value(id)).path)
            let shown = try await Browser(app).get(PlansPath.suggestion(slug, id: .value(id)).path).body.string
            XCTAssertTrue(shown.contains("Buurtmaaltijd in Noord") && shown.contains("Anna de Vries"))
            XCTAssertFalse(shown.contains("anna@example.nl"))

            // MUT: a coordinator accepts, and the repeated post lands on "already decided"
            let boss = Browser(app)
            try await boss.logIn(coordinator.email)
            let decidePage = try await boss.get(PlansPath.suggestion(slug, id: .value(id)).path).body.string
            let accepted = try await boss.post(PlansPath.decideSuggestion(slug, id: .value(id)).path, ["decision": "accept"])
            let again = try await boss.post(
                PlansPath.decideSuggestion(slug, id: .value(id)).path, ["decision": "decline", "reason": "Nee"])

            // validation: the draft has the activity at the end of its section, with the suggestion
            XCTAssertTrue(decidePage.contains("Besluit over dit voorstel"))
            XCTAssertFalse(shown.contains("Besluit over dit voorstel"), "only coordinators see the decision form")
            XCTAssertEqual(accepted.status, .seeOther)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertTrue(again.body.string.contains("Over dit voorstel is al besloten"))
            let activities = try await PlanActivity.query(on: app.db).filter(\.$sectionID == section.requireID()).sort(\.$position).all()
            XCTAssertEqual(activities.map(\.title), ["Dialoog met fractieleiders", "Buurtmaaltijd in Noord"])
            XCTAssertEqual(activities.last?.suggestionID, id)
            XCTAssertEqual(activities.last?.timing, "maandelijks")
            let decided = try await PlanSuggestion.find(id, on: app.db)
            XCTAssertEqual(decided?.status, .accepted)
            XCTAssertEqual(decided?.decidedBy, coordinator.id)
            let acceptedCount = try await Plan.find(plan.id, on: app.db)?.acceptedSuggestions
            XCTAssertEqual(acceptedCount, 1)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "plans.suggestion.accept").count()
            XCTAssertEqual(audited, 1)

            // MUT: version 2 is published
            let published = try await PublishPlan(app: app).run(
                planID: plan.requireID(), note: "Buurtmaaltijd erbij.", by: coordinator, language: .nl)

            // validation: credited in version 2, on the version's credits and the suggestion's page
            XCTAssertEqual(published, .published(number: 2))
            let applied = try await PlanSuggestion.find(id, on: app.db)?.appliedVersion
            XCTAssertEqual(applied, 2)
            let credits = try await SuggestionCredits.forVersion(planID: plan.requireID(), number: 2, on: app.db)
            XCTAssertEqual(credits.map(\.proposer), ["Anna de Vries"])
            XCTAssertEqual(credits.map(\.title), ["Buurtmaaltijd in Noord"])
            let creditsOfV1 = try await SuggestionCredits.forVersion(planID: plan.requireID(), number: 1, on: app.db).count
            XCTAssertEqual(creditsOfV1, 0)
            let republished = try await Plan.find(plan.id, on: app.db)
            let v2 = try await PlanAccess.latestVersion(of: try XCTUnwrap(republished), on: app.db)?.snapshot()
            XCTAssertEqual(v2?.section(try section.requireID())?.activities.last?.suggestionID, id)
            let creditShown = try await Browser(app).get(PlansPath.suggestion(slug, id: .value(id)).path).body.string.contains(
                "Verwerkt in versie 2")
            XCTAssertTrue(creditShown)
            let history = try await Browser(app).get(PlansPath.history(slug).path).body.string
            XCTAssertTrue(history.contains("voorstel van Anna de Vries"), "the history credits the proposer")
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnotherTextIsShownAsADiffAndDeclinedWithAReasonTheProposerIsToldOf() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let section = try await SuggestionFixture.sections(app, plan)[0]
            let anna = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let browser = Browser(app)
            try await browser.logIn("anna@example.nl")
            let slug = Parameter<String>.value(plan.slug)
            let sectionID = try section.requireID().uuidString

            // MUT: the form holds the current text; the same text is refused, a changed one proposed
            let page = try await browser.get(PlansPath.suggest(slug, section: try section.requireID(), kind: "section_text").path)
            let same = try await browser.post(
                PlansPath.suggest(slug).path,
                ["kind": "section_text", "section": sectionID, "title": "Niets", "body": "Het moet **anders**.\r\n"])
            let changed = try await browser.post(
                PlansPath.suggest(slug).path,
                ["kind": "section_text", "section": sectionID, "title": "Sterker zeggen", "body": "Het moet **echt anders**."])

            // validation
            XCTAssertTrue(page.body.string.contains("Het moet **anders**."))
            XCTAssertEqual(same.status, .badRequest)
            XCTAssertTrue(same.body.string.contains("Je tekst is hetzelfde als de tekst in het plan"))
            XCTAssertEqual(changed.status, .seeOther)
            let found = try await PlanSuggestion.query(on: app.db).first()
            let suggestion = try XCTUnwrap(found)
            XCTAssertEqual(suggestion.kind, .sectionText)
            let id = try suggestion.requireID()
            let shown = try await Browser(app).get(PlansPath.suggestion(slug, id: .value(id)).path).body.string
            XCTAssertTrue(shown.contains("<ins>"), "the change is shown as words added")
            XCTAssertTrue(shown.contains("echt"))

            // MUT: declining without a reason is refused; with one it is declined
            let boss = Browser(app)
            try await boss.logIn(coordinator.email)
            let bare = try await boss.post(PlansPath.decideSuggestion(slug, id: .value(id)).path, ["decision": "decline"])
            let declined = try await boss.post(
                PlansPath.decideSuggestion(slug, id: .value(id)).path, ["decision": "decline", "reason": "De tekst is al sterk genoeg."])

            // validation: the reason is shown; the draft is unchanged; the proposer's digest has it
            XCTAssertEqual(bare.status, .badRequest)
            XCTAssertTrue(bare.body.string.contains("Vul dit veld in"))
            XCTAssertEqual(declined.status, .seeOther)
            let after = try await Browser(app).get(PlansPath.suggestion(slug, id: .value(id)).path).body.string
            XCTAssertTrue(after.contains("Afgewezen") && after.contains("De tekst is al sterk genoeg."))
            let body = try await PlanSection.find(section.id, on: app.db)?.body
            XCTAssertEqual(body, "Het moet **anders**.")
            let told = try await PlanNotification.query(on: app.db).filter(\.$kind == .suggestionDecided).all()
            XCTAssertEqual(told.map(\.userID), [try anna.requireID()])
            XCTAssertEqual(told.map(\.subjectID), [id])
            let acceptedCount = try await Plan.find(plan.id, on: app.db)?.acceptedSuggestions
            XCTAssertEqual(acceptedCount, 0)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAcceptedTextReplacesTheSectionAndAMergedSuggestionIsCreditedAlongside() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: two residents propose the same idea in other words
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let sections = try await SuggestionFixture.sections(app, plan)
            let anna = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let bram = try await app.makeUser(name: "Bram Jansen", email: "bram@example.nl")
            let first = try await SuggestionFixture.propose(
                app, plan, sections[1], by: anna, kind: .sectionText, body: "Netwerken in elke wijk.")
            let second = try await SuggestionFixture.propose(
                app, plan, sections[1], by: bram, kind: .sectionText, body: "Netwerken in alle wijken.")
            let decide = DecideSuggestion(app: app)
            let planID = try plan.requireID()

            // MUT
            let accepted = try await decide.run(
                first, plan: planID, decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)
            let noReason = try await decide.run(
                second, plan: planID, decision: "merge", reason: "", mergedInto: first.uuidString, by: coordinator, language: .nl)
            let intoItself = try await decide.run(
                second, plan: planID, decision: "merge", reason: "Zelfde", mergedInto: second.uuidString, by: coordinator, language: .nl)
            let merged = try await decide.run(
                second, plan: planID, decision: "merge", reason: "Zelfde idee als Anna.", mergedInto: first.uuidString, by: coordinator,
                language: .nl)
            let published = try await PublishPlan(app: app).run(planID: planID, note: "Netwerken overal.", by: coordinator, language: .nl)

            // validation
            XCTAssertEqual(accepted, .accepted)
            guard case .invalid(let errors) = noReason else { return XCTFail("a merge needs a reason: \(noReason)") }
            XCTAssertNotNil(errors.fields["reason"])
            guard case .invalid(let selfErrors) = intoItself else { return XCTFail("not into itself: \(intoItself)") }
            XCTAssertNotNil(selfErrors.fields["merged_into"])
            XCTAssertEqual(merged, .merged)
            XCTAssertEqual(published, .published(number: 2))
            let body = try await PlanSection.find(sections[1].id, on: app.db)?.body
            XCTAssertEqual(body, "Netwerken in elke wijk.")
            let mergedInto = try await PlanSuggestion.find(second, on: app.db)?.mergedIntoID
            XCTAssertEqual(mergedInto, first)
            let credits = try await SuggestionCredits.forVersion(planID: planID, number: 2, on: app.db)
            XCTAssertEqual(Set(credits.compactMap(\.proposer)), ["Anna de Vries", "Bram Jansen"])
            XCTAssertEqual(credits.first { $0.suggestionID == second }?.merged, true)
            // An erased account's credit stays, without its name.
            try await PlanSuggestion.query(on: app.db).filter(\.$id == second).set(\.$userID, to: nil).update()
            let erased = try await SuggestionCredits.forVersion(planID: planID, number: 2, on: app.db)
            XCTAssertEqual(erased.first { $0.suggestionID == second }.map { $0.proposer == nil }, true)
            XCTAssertEqual(erased.first { $0.suggestionID == first }?.proposer, "Anna de Vries")
            let acceptedCount = try await Plan.find(planID, on: app.db)?.acceptedSuggestions
            XCTAssertEqual(acceptedCount, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
