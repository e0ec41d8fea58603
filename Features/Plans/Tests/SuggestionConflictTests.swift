import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Decisions that must not lose work: another text is not accepted over a draft that changed
/// since it was written; merges go only into what is still to be credited, and credits follow
/// merge chains; the history page shows every version's credits.
final class SuggestionConflictTests: XCTestCase {
    func testASecondTextOnAChangedSectionIsRefusedAndShownAgainstTheDraft() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: two residents propose another text for the same section of version 1
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let section = try await SuggestionFixture.sections(app, plan)[1]
            let anna = try await app.makeUser(name: "Anna de Vries", email: "anna@example.nl")
            let bram = try await app.makeUser(name: "Bram Jansen", email: "bram@example.nl")
            let first = try await SuggestionFixture.propose(
                app, plan, section, by: anna, kind: .sectionText, body: "Netwerken in elke wijk.")
            let second = try await SuggestionFixture.propose(
                app, plan, section, by: bram, kind: .sectionText, body: "Sterke netwerken in alle wijken.")
            let planID = try plan.requireID()
            let slug = Parameter<String>.value(plan.slug)
            let decide = DecideSuggestion(app: app)

            // MUT: the first is accepted; the second, through the page, is refused
            let accepted = try await decide.run(
                first, plan: planID, decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)
            let boss = Browser(app)
            try await boss.logIn(coordinator.email)
            let page = try await boss.get(PlansPath.suggestion(slug, id: .value(second)).path).body.string
            let refused = try await boss.post(PlansPath.decideSuggestion(slug, id: .value(second)).path, ["decision": "accept"])
            let direct = try await decide.run(
                second, plan: planID, decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)

            // validation: the draft keeps the first text; the second is still open, nothing counted
            XCTAssertEqual(accepted, .accepted)
            XCTAssertEqual(direct, .draftChanged)
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains("Het onderdeel is na dit voorstel al gewijzigd"))
            XCTAssertTrue(page.contains("Vergeleken met het huidige concept"), "coordinators see the proposal against the draft")
            let residentView = try await Browser(app).get(PlansPath.suggestion(slug, id: .value(second)).path).body.string
            XCTAssertFalse(residentView.contains("Vergeleken met het huidige concept"))
            let body = try await PlanSection.find(section.id, on: app.db)?.body
            XCTAssertEqual(body, "Netwerken in elke wijk.")
            let still = try await PlanSuggestion.find(second, on: app.db)
            XCTAssertEqual(still?.status, .open)
            XCTAssertNil(still?.decidedAt)
            let acceptedCount = try await Plan.find(planID, on: app.db)?.acceptedSuggestions
            XCTAssertEqual(acceptedCount, 1)

            // MUT: it can still be merged with the accepted one
            let merged = try await decide.run(
                second, plan: planID, decision: "merge", reason: "Verwerkt in het voorstel van Anna.", mergedInto: first.uuidString,
                by: coordinator, language: .nl)

            // validation
            XCTAssertEqual(merged, .merged)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAMergeChainIsCreditedWithItsRootAndAPublishedSuggestionTakesNoMerge() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: three residents propose an activity; A is merged into B, B into C (both open)
            let (plan, coordinator) = try await SuggestionFixture.published(app)
            let section = try await SuggestionFixture.sections(app, plan)[0]
            let people = try await [("Anna de Vries", "anna"), ("Bram Jansen", "bram"), ("Cem Yılmaz", "cem"), ("Dina Haddad", "dina")]
                .asyncMap { try await app.makeUser(name: $0.0, email: "\($0.1)@example.nl") }
            var ids: [UUID] = []
            for person in people {
                ids.append(try await SuggestionFixture.propose(app, plan, section, by: person, kind: .activity, body: "Samen koken."))
            }
            let (a, b, c, d) = (ids[0], ids[1], ids[2], ids[3])
            let planID = try plan.requireID()
            let decide = DecideSuggestion(app: app)
            let merge = { (id: UUID, target: UUID) in
                try await decide.run(
                    id, plan: planID, decision: "merge", reason: "Zelfde idee.", mergedInto: target.uuidString, by: coordinator,
                    language: .nl)
            }

            // MUT: merge A into B, B into C, accept C, publish version 2
            let intoB = try await merge(a, b)
            let intoC = try await merge(b, c)
            let acceptC = try await decide.run(
                c, plan: planID, decision: "accept", reason: nil, mergedInto: nil, by: coordinator, language: .nl)
            let published = try await PublishPlan(app: app).run(planID: planID, note: "Samen koken erbij.", by: coordinator, language: .nl)
            // MUT: D cannot be merged into C any more, nor into the merged B
            let intoPublished = try await merge(d, c)
            let intoMerged = try await merge(d, b)

            // validation: A, B and C all credited in version 2; D refused and still open
            XCTAssertEqual([intoB, intoC, acceptC], [.merged, .merged, .accepted])
            XCTAssertEqual(published, .published(number: 2))
            let applied = try await PlanSuggestion.query(on: app.db).filter(\.$id ~~ [a, b, c]).all().map(\.appliedVersion)
            XCTAssertEqual(applied, [2, 2, 2])
            for refused in [intoPublished, intoMerged] {
                guard case .invalid(let errors) = refused else { return XCTFail("merge refused: \(refused)") }
                XCTAssertEqual(
                    errors.fields["merged_into"],
                    "Kies het voorstel waarmee je dit samenvoegt. Dat moet open zijn, of overgenomen en nog niet gepubliceerd.")
            }
            let open = try await PlanSuggestion.find(d, on: app.db)?.status
            XCTAssertEqual(open, .open)
            let credits = try await SuggestionCredits.forVersion(planID: planID, number: 2, on: app.db)
            XCTAssertEqual(Set(credits.compactMap(\.proposer)), ["Anna de Vries", "Bram Jansen", "Cem Yılmaz"])
            let all = try await SuggestionCredits.forPlan(planID: planID, on: app.db)
            XCTAssertEqual(all.keys.sorted(), [2])
            XCTAssertEqual(all[2]?.map(\.suggestionID), credits.map(\.suggestionID))
            // The decision form offers only open or unpublished accepted suggestions to merge with.
            let boss = Browser(app)
            try await boss.logIn(coordinator.email)
            let form = try await boss.get(PlansPath.suggestion(.value(plan.slug), id: .value(d)).path).body.string
            XCTAssertFalse(form.contains("value=\"\(c.uuidString)\""))
            XCTAssertFalse(form.contains("value=\"\(b.uuidString)\""))
            let history = try await Browser(app).get(PlansPath.history(.value(plan.slug)).path).body.string
            XCTAssertTrue(history.contains("Cem Yılmaz") && history.contains("Anna de Vries") && history.contains("Bram Jansen"))
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
