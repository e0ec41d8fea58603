import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// The skills list finds a skill however it is typed, and a coordinator's merge moves every
/// reference to the kept skill without doubles.
final class SkillMergeTests: XCTestCase {
    func testTypedNamesFindOneSkillAndMergingMovesAndDedupesReferences() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let now = app.clock.now()
            let koken = try await SkillList.resolve(["Koken", "  koken ", "Kóken", "KOKEN"], at: now, on: app.db)
            XCTAssertEqual(koken.map(\.name), ["Koken"])
            let cooking = try await SkillList.resolve(["Eten maken"], at: now, on: app.db)
            let organiser = try await app.makeUser(email: "olga@example.nl")
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let initiative = try await ActionFixture.initiative(app, slug: "keuken", organiser: organiser)
            let both = try await ActionFixture.action(app, of: initiative, title: "Beide")
            let onlyMerged = try await ActionFixture.action(app, of: initiative, title: "Alleen eten maken")
            for (action, skill) in [(both, koken[0]), (both, cooking[0]), (onlyMerged, cooking[0])] {
                try await ActionSkill(actionID: action.id!, skillID: skill.id!).create(on: app.db)
            }
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let list = try await coordinator.get(InitiativesPath.adminSkills.path)
            XCTAssertTrue(list.body.string.contains("Eten maken"))

            // MUT
            let merged = try await coordinator.post(
                InitiativesPath.adminMergeSkills.path, ["keep": koken[0].id!.uuidString, "merge": cooking[0].id!.uuidString])

            // validation
            XCTAssertEqual(merged.status, .seeOther)
            let rows = try await ActionSkill.query(on: app.db).all()
            XCTAssertEqual(rows.count, 2, "the action that had both keeps one")
            XCTAssertTrue(rows.allSatisfy { $0.skillID == koken[0].id })
            let typedAgain = try await SkillList.resolve(["eten maken"], at: now, on: app.db)
            XCTAssertEqual(typedAgain.map(\.id), [koken[0].id], "a merged name finds the kept skill")
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "initiatives.skills.merged").count()
            XCTAssertEqual(audits, 1)
            let suggestions = try await SkillList.suggestions(references: app.skillReferences, on: app.db)
            XCTAssertEqual(suggestions, ["Koken"])
        }
    }

    func testManyRequestsTypingOneNewSkillMakeOneRow() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // MUT
            let now = app.clock.now()
            let ids = try await withThrowingTaskGroup(of: UUID?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await app.db.writeTransaction { db in
                            try await SkillList.resolve(["Fietsen repareren"], at: now, on: db).first?.id
                        }
                    }
                }
                var all: Set<UUID?> = []
                for try await id in group { all.insert(id) }
                return all
            }

            // validation
            XCTAssertEqual(ids.count, 1)
            let rows = try await Skill.query(on: app.db).count()
            XCTAssertEqual(rows, 1)
        }
    }

    func testSplittingAFieldTidiesAndRefusesTooMany() {
        XCTAssertEqual(SkillList.split(" koken ,  Arabisch   spreken,,koken").names, ["koken", "Arabisch spreken"])
        XCTAssertEqual(SkillList.split((1...21).map { "s\($0)" }.joined(separator: ",")).problem, .tooMany)
        XCTAssertEqual(SkillList.split((1...20).map { "s\($0)" }.joined(separator: ",")).names.count, 20)
        XCTAssertEqual(SkillList.normalize("Crème  Brûlée"), "creme brulee")
    }
}
