import Foundation
import XCTest

@testable import Plans

/// Words added and removed between two texts, and two versions of a plan compared section by
/// section: what a reader sees on "what changed".
final class DiffTests: XCTestCase {
    typealias Piece = WordDiff.Piece

    func testWordDiffShowsWordsAddedRemovedAndKept() {
        // MUT
        let pieces = WordDiff.compare("We gaan de rode auto wassen.", "We gaan de blauwe fiets wassen, samen.")
        // validation
        XCTAssertEqual(
            pieces,
            [
                Piece(text: "We gaan de ", change: .same), Piece(text: "rode auto", change: .removed),
                Piece(text: "blauwe fiets", change: .added), Piece(text: " wassen", change: .same),
                Piece(text: ", samen", change: .added), Piece(text: ".", change: .same),
            ])
        XCTAssertEqual(WordDiff.compare("één café", "één café"), [Piece(text: "één café", change: .same)])
        XCTAssertEqual(
            WordDiff.compare("Wij zijn één stad", "Wij zijn één café-stad"),
            [Piece(text: "Wij zijn één ", change: .same), Piece(text: "café-", change: .added), Piece(text: "stad", change: .same)])
        XCTAssertEqual(WordDiff.compare("", ""), [])
        XCTAssertEqual(WordDiff.compare("", "nieuw"), [Piece(text: "nieuw", change: .added)])
        XCTAssertEqual(WordDiff.compare("oud", ""), [Piece(text: "oud", change: .removed)])
        XCTAssertEqual(WordDiff.tokens("Ŝtraße 12, ولد!"), ["Ŝtraße", " ", "12", ",", " ", "ولد", "!"])
    }

    func testWordDiffRebuildsBothTexts() {
        // setup
        let words = ["de", "stad", "is", "van", "ons", "allemaal", "één", "buurt", "\n\n", "wij", "—", "zij"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in words.randomElement()! }.joined(separator: " ")
            let new = (0..<Int.random(in: 0...30, using: &generator)).map { _ in words.randomElement()! }.joined(separator: " ")
            // MUT
            let pieces = WordDiff.compare(old, new)
            // validation: the kept and removed words are the old text, the kept and added the new
            XCTAssertEqual(pieces.filter { $0.change != .added }.map(\.text).joined(), old)
            XCTAssertEqual(pieces.filter { $0.change != .removed }.map(\.text).joined(), new)
        }
    }

    /// Long texts diff word by word; their speed is the benchmark's job (`scripts/bench/plans.sh`).
    func testWordDiffHandlesLongTexts() {
        // setup: 5,000 words, a few changed here and there
        let old = (0..<5_000).map { "woord\($0 % 97)" }.joined(separator: " ")
        var words = old.split(separator: " ").map(String.init)
        for index in stride(from: 100, to: 5_000, by: 500) { words[index] = "nieuw" }
        words.insert("erbij", at: 2_500)
        let new = words.joined(separator: " ")
        // MUT
        let pieces = WordDiff.compare(old, new)
        // validation
        XCTAssertEqual(pieces.filter { $0.change == .added }.count, 11)
        // Two wholly different long texts stop at the edit limit: all removed, all added.
        let other = (0..<5_000).map { "ander\($0)" }.joined(separator: " ")
        let rewrite = WordDiff.compare(old, other)
        XCTAssertEqual(rewrite, [Piece(text: old, change: .removed), Piece(text: other, change: .added)])
    }

    func testPlanDiffFindsSectionsAddedRemovedChangedAndMoved() {
        // setup
        let (a, b, c, d) = (UUID(), UUID(), UUID(), UUID())
        let (keep, change, drop, fresh) = (UUID(), UUID(), UUID(), UUID())
        let old = DiffFixture.snapshot([
            (a, "Eén", "Het moet anders.", [DiffFixture.activity(keep, "Dialoog"), DiffFixture.activity(change, "Buurtfeest")]),
            (b, "Twee", "Samen sterk.", [DiffFixture.activity(drop, "Petitie")]),
            (c, "Drie", "Weg ermee.", []),
        ])
        var changed = DiffFixture.activity(change, "Groot Buurtfeest", timing: "in maart")
        changed.district = "K"
        let new = DiffFixture.snapshot([
            (b, "Twee", "Samen sterk.", [DiffFixture.activity(fresh, "Manifestatie")]),
            (a, "Eén", "Het moet echt anders.", [DiffFixture.activity(keep, "Dialoog"), changed]),
            (d, "Vier", "Nieuw.", []),
        ])
        // MUT
        let diff = PlanDiff.compare(old, new, names: PlanNames(domain: { $0 }, district: { $0 == "K" ? "Zuid" : $0 }))
        // validation
        // The removed section stays after the one it followed.
        XCTAssertEqual(diff.sections.map(\.id), [b, c, a, d])
        XCTAssertEqual(diff.sections.map(\.status), [.changed, .removed, .changed, .added])
        XCTAssertEqual(diff.sections.map(\.moved), [false, false, true, false])
        XCTAssertEqual(
            diff.sections[2].body.pieces,
            [Piece(text: "Het moet ", change: .same), Piece(text: "echt ", change: .added), Piece(text: "anders.", change: .same)])
        XCTAssertEqual(diff.sections[0].activities.map(\.status), [.added, .removed])
        let activity = diff.sections[2].activities[0]
        XCTAssertEqual(diff.sections[2].activities.map(\.id), [change], "the same activity is left out")
        XCTAssertEqual(activity.titleWords?.pieces.first, Piece(text: "Groot ", change: .added))
        XCTAssertEqual(activity.fields.map(\.field), [.timing, .district])
        XCTAssertEqual(activity.fields.last?.new, "Zuid")
        XCTAssertEqual(diff.sections[1].body.pieces, [Piece(text: "Weg ermee.", change: .removed)])
        XCTAssertEqual(diff.counts.sectionsAdded, 1)
        XCTAssertEqual(diff.counts.sectionsRemoved, 1)
        XCTAssertEqual(diff.counts.sectionsChanged, 2)
        XCTAssertEqual(diff.counts.sectionsMoved, 1)
        XCTAssertEqual(diff.counts.activitiesAdded, 1)
        XCTAssertEqual(diff.counts.activitiesRemoved, 1)
        XCTAssertEqual(diff.counts.activitiesChanged, 1)
        XCTAssertTrue(diff.hasChanges)
        XCTAssertFalse(PlanDiff.compare(new, new).hasChanges)
        // The first version: everything added.
        let first = PlanDiff.compare(nil, old)
        XCTAssertEqual(first.sections.map(\.status), [.added, .added, .added])
        XCTAssertEqual(first.counts.activitiesAdded, 3)
    }

    func testPlanDiffOfFiftySectionsOverTwentyVersions() {
        // setup: version 1 and version 20 of a 50-section plan, each version changing a few sections
        let ids = (0..<50).map { _ in UUID() }
        let body = { (i: Int, v: Int) in
            (0..<120).map { "Onderdeel \(i) zin \($0) \($0 % 7 == v % 7 ? "versie \(v)" : "vast") tekst." }.joined(separator: " ")
        }
        let version = { (v: Int) in
            DiffFixture.snapshot(
                ids.enumerated().map { i, id in
                    (id, "Onderdeel \(i)", body(i, i % 20 < v ? v : 1), [DiffFixture.activity(id, "Actie \(i)")])
                })
        }
        let first = version(1)
        let last = version(20)
        // MUT
        let diff = PlanDiff.compare(first, last)
        // validation (its speed, 50 ms in a release build, is the benchmark's job)
        XCTAssertEqual(diff.counts.sectionsChanged, 50)
    }
}

enum DiffFixture {
    static func snapshot(_ sections: [(UUID, String, String, [PlanSnapshot.Activity])]) -> PlanSnapshot {
        PlanSnapshot(
            title: "Calls to Action", summary: "Wat we samen doen.",
            sections: sections.map {
                PlanSnapshot.Section(id: $0.0, title: $0.1, markdown: $0.2, html: PlanMarkdown.html($0.2), activities: $0.3)
            })
    }

    static func activity(_ id: UUID, _ title: String, timing: String = "") -> PlanSnapshot.Activity {
        PlanSnapshot.Activity(
            id: id, title: title, description: "", organiser: "coördinatiegroep", timing: timing, needs: "", domain: nil, district: nil,
            suggestionID: nil)
    }
}
