import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// A reader goes back in a plan's history: every version with its note, an old version as it
/// was, and what changed between two versions, also when the address asks for nonsense.
final class HistoryPagesTests: XCTestCase {
    func testHistoryListsEveryVersionNewestFirst() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            try await HistoryFixture.publish(app, plan, note: "Eerste versie van 8 oktober.")
            try await HistoryFixture.publish(app, plan, note: "De dubbele zin in onderdeel 2 is weg.")
            let browser = Browser(app)
            // MUT
            let page = try await browser.get(PlansPath.history(.value(plan.slug)).path)
            // validation
            XCTAssertEqual(page.status, .ok)
            let body = page.body.string
            let second = try XCTUnwrap(body.range(of: "Versie 2"))
            let first = try XCTUnwrap(body.range(of: "Versie 1"))
            XCTAssertLessThan(second.lowerBound, first.lowerBound)
            XCTAssertTrue(body.contains("De dubbele zin in onderdeel 2 is weg."))
            XCTAssertTrue(body.contains("href=\"/plannen/calls-to-action/versies/1\""))
            XCTAssertTrue(body.contains("href=\"/plannen/calls-to-action/verschil?van=1&amp;tot=2\""), body)
        }
    }

    func testAnOldVersionIsShownAsItWasWithABanner() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            try await HistoryFixture.publish(app, plan, note: "Eerste versie.")
            try await HistoryFixture.editFirstSection(app, plan, body: "Het moet **echt** anders. <script>alert(1)</script>")
            try await HistoryFixture.publish(app, plan, note: "Scherper.")
            let browser = Browser(app)
            // MUT
            let old = try await browser.get(PlansPath.version(.value(plan.slug), number: .value(1)).path)
            let latest = try await browser.get(PlansPath.version(.value(plan.slug), number: .value(2)).path)
            // validation
            XCTAssertEqual(old.status, .ok)
            XCTAssertTrue(old.body.string.contains("Je leest versie 1 van 2"), old.body.string)
            XCTAssertTrue(old.body.string.contains("href=\"/plannen/calls-to-action\">Lees de nieuwste versie"))
            XCTAssertTrue(old.body.string.contains("Het moet <strong>anders</strong>."))
            XCTAssertTrue(old.body.string.contains("Centrum"), "the district by its name")
            XCTAssertTrue(latest.body.string.contains("Het moet <strong>echt</strong> anders. &lt;script&gt;"))
            XCTAssertFalse(latest.body.string.contains("<script>alert"))
            XCTAssertTrue(latest.body.string.contains("de nieuwste versie"))
            for number in ["0", "3", "99", "abc", "-1", "99999999999999999999"] {
                let response = try await browser.get("/plannen/calls-to-action/versies/\(number)")
                XCTAssertEqual(response.status, .notFound, number)
            }
        }
    }

    func testDiffShowsTheLastTwoByDefaultAndExplainsBadNumbers() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            let browser = Browser(app)
            let path = PlansPath.diff(.value(plan.slug)).path
            try await HistoryFixture.publish(app, plan, note: "Eerste versie.")
            let one = try await browser.get(path)
            try await HistoryFixture.editFirstSection(app, plan, body: "Het moet **echt** anders.")
            try await HistoryFixture.publish(app, plan, note: "Scherper.")
            try await HistoryFixture.editFirstSection(app, plan, body: "Het moet **nu echt** anders.")
            try await HistoryFixture.publish(app, plan, note: "Nog scherper.")
            // MUT
            let latest = try await browser.get(path)
            let chosen = try await browser.get(PlansPath.diff(.value(plan.slug), from: 3, to: 1).path)
            // validation
            XCTAssertEqual(one.status, .ok)
            XCTAssertTrue(one.body.string.contains("nog maar één versie"))
            XCTAssertEqual(latest.status, .ok)
            XCTAssertTrue(latest.body.string.contains("verschil tussen versie 2 en versie 3"), latest.body.string)
            XCTAssertTrue(
                latest.body.string.contains("<ins><span class=\"visually-hidden\">toegevoegd: </span>nu </ins>"), latest.body.string)
            XCTAssertTrue(latest.body.string.contains("1 onderdeel gewijzigd"))
            XCTAssertTrue(latest.body.string.contains("<option value=\"2\" selected>"), latest.body.string)
            XCTAssertTrue(chosen.body.string.contains("verschil tussen versie 1 en versie 3"), "swapped")
            XCTAssertTrue(chosen.body.string.contains("</span>nu echt</ins>"), chosen.body.string)
            for query in ["van=abc", "van=0&tot=2", "tot=4", "van=1&tot=99999999999999999999", "van=-2"] {
                let response = try await browser.get(path + "?" + query)
                XCTAssertEqual(response.status, .badRequest, query)
                XCTAssertTrue(response.body.string.contains("Die versie bestaat niet. Kies een versie van 1 tot en met 3."), query)
            }
            let same = try await browser.get(path + "?van=2&tot=2")
            XCTAssertTrue(same.body.string.contains("Je vergelijkt versie 2 met zichzelf"))
            let english = try await browser.get(path + "?van=1&tot=2", headers: ["Accept-Language": "en"])
            XCTAssertTrue(english.body.string.contains("1 section changed"), english.body.string)
        }
    }

    func testADraftHasNoHistoryForThepublic() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            let browser = Browser(app)
            // MUT + validation
            for path in [
                PlansPath.history(.value(plan.slug)).path, PlansPath.version(.value(plan.slug), number: .value(1)).path,
                PlansPath.diff(.value(plan.slug)).path, PlansPath.history(.value("bestaat-niet")).path,
            ] {
                let response = try await browser.get(path)
                XCTAssertEqual(response.status, .notFound, path)
            }
        }
    }
}

/// Versions written straight from the draft: unlike `PlanFixture.publish` (the real command), it
/// publishes an unchanged draft again and gives every activity a district, which these pages show.
enum HistoryFixture {
    static func publish(_ app: Application, _ plan: Plan, note: String) async throws {
        let planID = try plan.requireID()
        let sections = try await PlanSection.query(on: app.db).filter(\.$planID == planID).filter(\.$removedAt == nil).sort(\.$position)
            .all()
        var snapshotSections: [PlanSnapshot.Section] = []
        for section in sections {
            let activities = try await PlanActivity.query(on: app.db).filter(\.$sectionID == section.requireID())
                .filter(\.$removedAt == nil).sort(\.$position).all()
            snapshotSections.append(
                PlanSnapshot.Section(
                    id: try section.requireID(), title: section.title, markdown: section.body, html: PlanMarkdown.html(section.body),
                    activities: try activities.map {
                        PlanSnapshot.Activity(
                            id: try $0.requireID(), title: $0.title, description: $0.description, organiser: $0.organiser,
                            timing: $0.timing, needs: $0.needs, domain: $0.domain, district: app.reference.districts.first?.code,
                            suggestionID: $0.suggestionID)
                    }))
        }
        plan.publishedVersion += 1
        plan.publishedAt = app.clock.now()
        try await plan.save(on: app.db)
        let snapshot = PlanSnapshot(title: plan.title, summary: plan.summary, sections: snapshotSections)
        try await PlanVersion(
            planID: planID, number: plan.publishedVersion, publishedAt: app.clock.now(), publishedBy: nil, note: note, snapshot: snapshot
        )
        .create(on: app.db)
    }

    static func editFirstSection(_ app: Application, _ plan: Plan, body: String) async throws {
        let section = try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).first()
        section?.body = body
        try await section?.save(on: app.db)
    }
}
