import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import XCTest

@testable import Matching

/// `/voor-jou`: the best open actions for a resident, with their reasons in words.
final class ForYouTests: XCTestCase {
    func testTheBestFitComesFirstWithItsReasonsAndClosedFullPastOrHiddenActionsNever() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            _ = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let kitchen = try await MatchingFixtures.initiative(app, slug: "buurtkeuken-de-pijp", domains: ["armoede"])
            let pending = try await MatchingFixtures.initiative(app, slug: "nog-niet", status: .pending, domains: ["armoede"])
            var tuesdayEvening = AvailabilityGrid()
            tuesdayEvening.insert(weekday: 2, part: .evening)
            let now = app.clock.now()
            try await MatchingFixtures.action(app, of: kitchen, title: "Ergens anders koken", skills: ["koken"], district: "noord")
            try await MatchingFixtures.action(
                app, of: kitchen, title: "Koken voor de buurtmaaltijd", kind: .shift, skills: ["koken"], district: "zuid",
                area: "de-pijp-rivierenbuurt", slots: tuesdayEvening, languages: ["nl"])
            try await MatchingFixtures.action(app, of: kitchen, title: "Gesloten actie", skills: ["koken"], status: .closed)
            try await MatchingFixtures.action(app, of: kitchen, title: "Volle actie", skills: ["koken"], places: 1, accepted: 1)
            try await MatchingFixtures.action(
                app, of: kitchen, title: "Voorbije actie", kind: .task, skills: ["koken"], startsAt: now.addingTimeInterval(-3600))
            try await MatchingFixtures.action(app, of: pending, title: "Verborgen actie", skills: ["koken"])
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")

            // MUT: no profile yet
            let before = try await browser.get(MatchingPath.forYou.path).body.string
            // validation
            XCTAssertTrue(before.contains(MatchingPath.profile.path), "a prompt to fill in the profile")
            XCTAssertTrue(before.contains("Koken voor de buurtmaaltijd"), "the soonest open actions meanwhile")

            // MUT
            try await MatchingFixtures.saveProfile(
                browser,
                [
                    ("skills", "koken"), ("district", "zuid"), ("area", "de-pijp-rivierenbuurt"), ("availability", "2-evening"),
                    ("domains", "armoede"), ("languages", "nl"),
                ])
            let page = try await browser.get(MatchingPath.forYou.path)
            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            let first = try XCTUnwrap(html.range(of: "Koken voor de buurtmaaltijd"))
            let second = try XCTUnwrap(html.range(of: "Ergens anders koken"))
            XCTAssertLessThan(first.lowerBound, second.lowerBound)
            XCTAssertTrue(
                html.contains(
                    "je vaardigheid <em>koken</em> · dinsdagavond · in jouw gebied <em>De Pijp, Rivierenbuurt</em> · domein <em>Armoede</em>"
                ),
                "the reasons in words")
            for hidden in ["Gesloten actie", "Volle actie", "Voorbije actie", "Verborgen actie"] {
                XCTAssertFalse(html.contains(hidden), hidden)
            }
            XCTAssertTrue(html.contains("/initiatieven/buurtkeuken-de-pijp/acties/"), "a link to join")
        }
    }

    func testTheCatalogueFollowsChangesToTheActions() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let kitchen = try await MatchingFixtures.initiative(app, slug: "buurtkeuken")
            let action = try await MatchingFixtures.action(app, of: kitchen, title: "Afwassen")
            let checked1 = try await app.openActionCatalogue.current(on: app.db, app: app).actions.count
            XCTAssertEqual(checked1, 1)
            // MUT: an action closes, as every command that changes one does
            action.status = .closed
            try await action.save(on: app.db)
            try await InitiativeTotals.actionsChanged(on: app.db)
            // validation
            let checked2 = try await app.openActionCatalogue.current(on: app.db, app: app).actions.count
            XCTAssertEqual(checked2, 0)
        }
    }

    func testTheBestOfTenThousandActionsAreTheScoresBest() {
        // setup: the benchmark's number of actions (how fast: scripts/bench/initiatives.sh, /voor-jou p99)
        let now = Date()
        let actions = (0..<10_000).map { i in
            MatchAction(
                skills: [UUID()], domains: ["armoede"], district: i % 2 == 0 ? "zuid" : "noord",
                slots: AvailabilityGrid(bits: i % (1 << 21)), languages: ["nl"], createdAt: now.addingTimeInterval(Double(-i)))
        }
        let catalogue = OpenActionCatalogue.Snapshot(version: 1, actions: actions, skillNames: [:], domains: ReferenceDomainsForTest.slugs)
        let profile = MatchProfile(userID: UUID(), domains: ["armoede"], district: "zuid", availability: AvailabilityGrid(bits: 0b101))
        // MUT
        let best = catalogue.best(for: profile, limit: 20, now: now)
        // validation
        XCTAssertEqual(best.map(\.action.id), MatchScore.best(for: profile, in: actions, limit: 20, now: now).map(\.action.id))
        XCTAssertTrue(best.allSatisfy { $0.action.district == "zuid" }, "the resident's own district first")
    }
}
