import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// A skills field suggests the skills people use most — not the first ones by name — and never
/// more than a few hundred, however long the shared list grows.
final class SkillSuggestionTests: XCTestCase {
    func testTheMostUsedSkillsAreSuggestedByNameAndTheListIsCapped() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup: "Zingen" on three actions, "Koken" on two, "Aquarel" on one, "Boekhouden" on none
            let now = app.clock.now()
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "buurt", organiser: organiser)
            var actions: [InitiativeAction] = []
            for title in ["Een", "Twee", "Drie"] { actions.append(try await ActionFixture.action(app, of: initiative, title: title)) }
            let skills = try await SkillList.resolve(["Zingen", "Koken", "Aquarel", "Boekhouden"], at: now, on: app.db)
            for (skill, uses) in zip(skills.prefix(3), [3, 2, 1]) {
                for action in actions.prefix(uses) { try await ActionSkill(actionID: action.id!, skillID: skill.id!).create(on: app.db) }
            }
            let references = app.skillReferences

            // MUT
            let two = try await SkillList.suggestions(references: references, limit: 2, on: app.db)
            let all = try await SkillList.suggestions(references: references, on: app.db)
            // validation
            XCTAssertEqual(two, ["Koken", "Zingen"], "the two most used, shown by name")
            XCTAssertEqual(all, ["Aquarel", "Koken", "Zingen"], "a skill nobody uses is not suggested")

            // MUT: the list grows past the cap
            for number in 1...(SkillList.suggestionLimit + 5) {
                let skill = Skill()
                skill.name = "Vaardigheid \(number)"
                skill.normalized = SkillList.normalize(skill.name)
                skill.createdAt = now
                try await skill.create(on: app.db)
                try await ActionSkill(actionID: actions[0].id!, skillID: skill.id!).create(on: app.db)
            }
            let capped = try await SkillList.suggestions(references: references, on: app.db)
            let organiserBrowser = Browser(app)
            try await organiserBrowser.logIn("olga@example.nl")
            let form = try await organiserBrowser.get(InitiativesPath.newAction(.value("buurt")).path).body.string
            // validation
            XCTAssertEqual(capped.count, SkillList.suggestionLimit)
            XCTAssertTrue(capped.contains("Zingen") && capped.contains("Koken"), "the most used stay in")
            XCTAssertTrue(form.contains(#"<option value="Zingen">"#), "the action form offers them")
        }
    }
}
