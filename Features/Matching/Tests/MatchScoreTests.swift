import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import XCTest

@testable import Matching

/// The score on hand-made cases, and the worked examples of `docs/matching.md`.
final class MatchScoreTests: XCTestCase {
    let cooking = UUID(), tutoring = UUID(), arabic = UUID(), translating = UUID(), writing = UUID()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func grid(_ cells: (Int, AvailabilityGrid.DayPart)...) -> AvailabilityGrid {
        var grid = AvailabilityGrid()
        for cell in cells { grid.insert(weekday: cell.0, part: cell.1) }
        return grid
    }

    /// Fatima from the docs: cooks, free on Tuesday evening, lives in De Pijp, cares about poverty.
    var fatima: MatchProfile {
        MatchProfile(
            userID: UUID(), skills: [cooking], domains: ["armoede"], district: "zuid", area: "de-pijp-rivierenbuurt",
            availability: grid((2, .evening)), languages: ["nl", "ar"])
    }

    var dinner: MatchAction {
        MatchAction(
            title: "Koken voor de buurtmaaltijd", kind: .shift, skills: [cooking], domains: ["armoede", "sociale-cohesie"],
            district: "zuid", area: "de-pijp-rivierenbuurt", slots: grid((2, .evening)), languages: ["nl"])
    }

    var homework: MatchAction {
        MatchAction(
            title: "Huiswerkbegeleiding", kind: .shift, skills: [tutoring], domains: ["jongeren-educatie"], district: "zuid",
            area: "oud-zuid", slots: grid((3, .afternoon)))
    }

    func testWorkedExamplesOfTheDocs() {
        // MUT / validation — the numbers in docs/matching.md
        let first = MatchScore.score(fatima, dinner)
        XCTAssertEqual(first.score, 90)
        XCTAssertEqual(
            first.reasons,
            [.skill(cooking), .time(weekday: 2, part: .evening), .sameArea("de-pijp-rivierenbuurt"), .domain("armoede"), .language("nl")])
        XCTAssertEqual(MatchScore.score(fatima, homework).score, 20)
        let daan = MatchProfile(userID: UUID(), skills: [translating, arabic, cooking], languages: ["ar"])
        let translation = MatchAction(
            title: "Brieven vertalen", skills: [translating, arabic, writing], domains: ["participatie"], online: true, languages: ["ar"])
        let third = MatchScore.score(daan, translation)
        XCTAssertEqual(third.score, 85)
        XCTAssertEqual(third.reasons.filter { if case .skill = $0 { true } else { false } }.count, 2)
        XCTAssertTrue(third.reasons.contains(.online))
    }

    func testThePerfectFitRanksFirstAndAWrongAreaOrNoFreeTimeLower() {
        // setup
        let dinner = self.dinner
        var elsewhere = dinner
        elsewhere.id = UUID()
        elsewhere.district = "noord"
        elsewhere.area = "oud-noord"
        var otherTime = dinner
        otherTime.id = UUID()
        otherTime.slots = grid((6, .morning))
        // MUT
        let ranked = MatchScore.best(for: fatima, in: [elsewhere, otherTime, dinner], limit: 3, now: now)
        // validation
        XCTAssertEqual(ranked.first?.action.id, dinner.id)
        XCTAssertEqual(Set(ranked.dropFirst().map(\.action.id)), [elsewhere.id, otherTime.id])
        let byID = Dictionary(uniqueKeysWithValues: ranked.map { ($0.action.id, $0) })
        XCTAssertEqual(byID[elsewhere.id]?.score, 90 - MatchScore.sameArea, "a wrong area loses the place points")
        XCTAssertEqual(byID[otherTime.id]?.score, 90 - MatchScore.time, "no free time loses the time points")
        XCTAssertFalse(byID[elsewhere.id]!.reasons.contains { if case .sameArea = $0 { true } else { false } })
        XCTAssertFalse(byID[otherTime.id]!.reasons.contains { if case .time = $0 { true } else { false } })
    }

    func testOnlineFitsEveryoneAndAnEmptyGridCostsNothing() {
        // setup
        let nobody = MatchProfile(userID: UUID())
        let online = MatchAction(online: true)
        let anyTime = MatchAction(district: "west")
        // validation
        XCTAssertEqual(MatchScore.score(nobody, online).reasons, [.online])
        XCTAssertEqual(MatchScore.score(fatima, online).score, MatchScore.online + MatchScore.time + MatchScore.language)
        XCTAssertEqual(MatchScore.score(nobody, anyTime).score, MatchScore.language, "no time said: no points, no penalty")
        XCTAssertEqual(MatchScore.score(fatima, anyTime).reasons, [.anyTime])
    }

    func testTiesAreStableSoonestThenNewestThenID() {
        // setup: four actions with the same score
        let a = MatchAction(id: UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!, startsAt: now.addingTimeInterval(7200))
        let b = MatchAction(id: UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!, startsAt: now.addingTimeInterval(3600))
        let c = MatchAction(id: UUID(uuidString: "00000000-0000-0000-0000-00000000000C")!, createdAt: now)
        let d = MatchAction(id: UUID(uuidString: "00000000-0000-0000-0000-00000000000D")!, createdAt: now)
        let past = MatchAction(kind: .task, startsAt: now.addingTimeInterval(-60))
        // MUT
        let once = MatchScore.best(for: fatima, in: [d, c, a, past, b], limit: 10, now: now).map(\.action.id)
        let again = MatchScore.best(for: fatima, in: [b, past, a, c, d], limit: 10, now: now).map(\.action.id)
        // validation
        XCTAssertEqual(once, [b.id, a.id, c.id, d.id])
        XCTAssertEqual(again, once)
    }

    /// The catalogue's bitmask scoring ranks exactly as `MatchScore.best`.
    func testTheCatalogueRanksExactlyAsTheScore() {
        // setup: random actions and profiles over a few skills, places, cells and languages
        var random = SystemRandomNumberGenerator()
        let skills = (0..<40).map { _ in UUID() }
        let areas = [("zuid", "oud-zuid"), ("zuid", "de-pijp-rivierenbuurt"), ("noord", "oud-noord"), ("west", "westerpark")]
        let domains = ["armoede", "groen", "sport-beweging", "participatie"]
        func someGrid() -> AvailabilityGrid {
            AvailabilityGrid(bits: Int.random(in: 0..<(1 << 21), using: &random) & Int.random(in: 0..<(1 << 21)))
        }
        let actions = (0..<500).map { i -> MatchAction in
            let place = areas.randomElement()!
            return MatchAction(
                kind: [.task, .shift, .role].randomElement()!, skills: Set(skills.shuffled().prefix(Int.random(in: 0...3))),
                domains: Set(domains.shuffled().prefix(Int.random(in: 0...2))), district: place.0,
                area: Bool.random() ? place.1 : nil, online: i % 7 == 0, slots: i % 3 == 0 ? AvailabilityGrid() : someGrid(),
                languages: Set(["nl", "en", "ar"].shuffled().prefix(Int.random(in: 0...1))),
                startsAt: Bool.random() ? now.addingTimeInterval(Double(Int.random(in: -3600...86400 * 10))) : nil,
                createdAt: now.addingTimeInterval(Double(-i)))
        }
        let snapshot = OpenActionCatalogue.Snapshot(
            version: 1, actions: actions, skillNames: [:], domains: ReferenceDomainsForTest.slugs)
        for _ in 0..<50 {
            let place = areas.randomElement()!
            let profile = MatchProfile(
                userID: UUID(), skills: Set(skills.shuffled().prefix(Int.random(in: 0...5))),
                domains: Set(domains.shuffled().prefix(2)), district: Bool.random() ? place.0 : nil, area: Bool.random() ? place.1 : nil,
                availability: Bool.random() ? AvailabilityGrid() : someGrid(), languages: Set(["nl", "ar"].shuffled().prefix(1)))
            // MUT
            let fast = snapshot.best(for: profile, limit: 20, now: now)
            let slow = MatchScore.best(for: profile, in: actions, limit: 20, now: now)
            // validation
            XCTAssertEqual(fast.map(\.action.id), slow.map(\.action.id))
            XCTAssertEqual(fast.map(\.score), slow.map(\.score))
        }
    }

    func testReasonsInWordsOfThePageLanguage() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // MUT
            let match = MatchScore.score(fatima, dinner)
            let dutch = MatchReasonText.words(match.reasons, in: .nl, skillNames: [cooking: "koken"], app: app).map(\.plain)
            let english = MatchReasonText.words(match.reasons, in: .en, skillNames: [cooking: "koken"], app: app).map(\.plain)
            // validation
            XCTAssertEqual(
                dutch,
                [
                    "je vaardigheid koken", "dinsdagavond", "in jouw gebied De Pijp, Rivierenbuurt", "domein Armoede",
                    "je spreekt Nederlands",
                ])
            XCTAssertEqual(english[1], "Tuesday evening")
            XCTAssertEqual(english[3], "domain Poverty")
        }
    }
}

enum ReferenceDomainsForTest {
    static let slugs = [
        "kunst-cultuur", "recreatie", "evenementen", "groen", "duurzaamheid", "economie", "armoede", "participatie",
        "werkgelegenheid", "sociale-cohesie", "veiligheid", "vastgoed", "gebiedsontwikkeling", "sport-beweging", "gezondheid-zorg",
        "jongeren-educatie", "handhaving", "vergunningen", "beheer", "communicatie-marketing",
    ]
}
