import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// The public pages: the list of published plans, a plan as its latest version says it (never
/// the draft), an activity's page; a plan never published is nobody's business but coordinators'.
final class PlanPageTests: XCTestCase {
    func testADraftIsNotFoundToResidentsAndANoticeToCoordinators() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            let someActivity = try await PlanActivity.query(on: app.db).first()
            let activity = try XCTUnwrap(someActivity)
            _ = try await app.makeUser(email: "bewoner@example.nl")
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let slug = Parameter<String>.value(plan.slug)

            // MUT
            let anonymous = try await Browser(app).get(PlansPath.plan(slug).path)
            let residentPage = try await resident.get(PlansPath.plan(slug).path)
            let residentActivity = try await resident.get(PlansPath.activity(slug, activity: .value(try activity.requireID())).path)
            let list = try await resident.get(PlansPath.list.path)
            let notice = try await coordinator.get(PlansPath.plan(slug).path)

            // validation
            XCTAssertEqual(anonymous.status, .notFound)
            XCTAssertEqual(residentPage.status, .notFound)
            XCTAssertEqual(residentActivity.status, .notFound)
            XCTAssertFalse(list.body.string.contains("Calls to Action"))
            XCTAssertEqual(notice.status, .ok)
            XCTAssertContains(notice.body.string, "nog niet gepubliceerd")
            XCTAssertContains(notice.body.string, PlansPath.editPlan(slug).path)
            XCTAssertFalse(notice.body.string.contains("Dialoog met fractieleiders"))
        }
    }

    func testThePlanPageShowsTheLatestVersionNotTheDraft() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: published, then the draft changed
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let plan = try await PlanFixture.draft(app)
            let planID = try plan.requireID()
            let slug = Parameter<String>.value(plan.slug)
            let sections = try await PlanSection.query(on: app.db).sort(\.$position).all()
            let district = try XCTUnwrap(app.reference.districts.first)
            let domain = try XCTUnwrap(app.reference.domains.first)
            let firstActivity = try await PlanActivity.query(on: app.db).filter(\.$sectionID == sections[0].requireID()).first()
            let activity = try XCTUnwrap(firstActivity)
            _ = try await SaveActivity(app: app).run(
                planID: planID, sectionID: nil, activityID: activity.id,
                .init(
                    title: activity.title, organiser: "De coördinatiegroep", timing: "Maart 2022", needs: "Een zaal", domain: domain.slug,
                    district: district.code), by: coordinator, language: .nl)
            let firstPublish = try await PublishPlan(app: app).run(planID: planID, note: "Eerste versie.", by: coordinator, language: .nl)
            XCTAssertEqual(firstPublish, .published(number: 1))
            _ = try await SaveSection(app: app).run(
                planID: planID, sectionID: sections[0].id, .init(title: "Nieuwe titel in het concept", body: "Concepttekst"),
                by: coordinator,
                language: .nl)
            _ = try await SaveActivity(app: app).run(
                planID: planID, sectionID: sections[1].id, activityID: nil, .init(title: "Nog niet gepubliceerde activiteit"),
                by: coordinator, language: .nl)
            _ = try await EditPlan(app: app).run(planID: planID, .init(title: "Conceptnaam", summary: ""), by: coordinator, language: .nl)

            // MUT
            let page = try await Browser(app).get(PlansPath.plan(slug).path)
            let list = try await Browser(app).get(PlansPath.list.path)
            let activityPage = try await Browser(app).get(PlansPath.activity(slug, activity: .value(try activity.requireID())).path)

            // validation: the version, with its date, note, sections, activity cards and links
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertContains(html, "Versie 1")
            XCTAssertContains(html, "Eerste versie.")
            XCTAssertContains(html, "De politiek spreekt zich uit")
            XCTAssertContains(html, "<strong>anders</strong>")
            XCTAssertContains(html, "De coördinatiegroep")
            XCTAssertContains(html, district.name)
            XCTAssertContains(html, domain.nameNL)
            XCTAssertContains(html, PlansPath.section(slug, section: .value(try sections[0].requireID())).path)
            XCTAssertContains(
                html,
                PlansPath.suggest(slug, section: try sections[0].requireID(), kind: "activity").path.replacingOccurrences(
                    of: "&", with: "&amp;"))
            XCTAssertFalse(html.contains("Nieuwe titel in het concept"))
            XCTAssertFalse(html.contains("Concepttekst"))
            XCTAssertFalse(html.contains("Nog niet gepubliceerde activiteit"))
            XCTAssertFalse(html.contains("Conceptnaam"))
            XCTAssertContains(list.body.string, "Calls to Action")
            XCTAssertFalse(list.body.string.contains("Conceptnaam"))
            XCTAssertEqual(activityPage.status, .ok)
            XCTAssertContains(activityPage.body.string, "Een zaal")
            let english = Browser(app)
            english.headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            let englishPage = try await english.get(PlansPath.plan(slug).path)
            XCTAssertContains(englishPage.body.string, "Version 1")
            XCTAssertContains(englishPage.body.string, domain.nameEN)
            XCTAssertContains(activityPage.body.string, "Maart 2022")
        }
    }

    func testAnActivityOutOfTheLatestVersionKeepsItsPage() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: published, then the activity removed and version 2 published
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let plan = try await PlanFixture.draft(app)
            let planID = try plan.requireID()
            let someActivity = try await PlanActivity.query(on: app.db).first()
            let activity = try XCTUnwrap(someActivity)
            _ = try await PublishPlan(app: app).run(planID: planID, note: "Een.", by: coordinator, language: .nl)
            _ = try await RemoveActivity(app: app).run(planID: planID, activityID: activity.requireID(), by: coordinator)
            _ = try await PublishPlan(app: app).run(planID: planID, note: "Twee.", by: coordinator, language: .nl)

            // MUT
            let page = try await Browser(app).get(PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID())).path)
            let unknown = try await Browser(app).get(PlansPath.activity(.value(plan.slug), activity: .value(UUID())).path)

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertContains(page.body.string, "niet (meer) in de laatste versie")
            XCTAssertEqual(unknown.status, .notFound)
        }
    }

    /// The size: 50 sections, 20 versions, 10,000 reactions. A smoke test that such a
    /// plan renders whole; its speed is the release benchmark's job (`scripts/bench/plans.sh`).
    func testABigPlanRendersWhole() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let summary = try await PlansFill(app: app, numbers: .init()).run(slug: "groot-plan")

            // MUT
            let page = try await Browser(app).get(PlansPath.plan(.value(summary.slug)).path)

            // validation: the first and the last of the 50 sections are on it
            XCTAssertEqual(page.status, .ok)
            XCTAssertContains(page.body.string, "Benchmarkplan")
            XCTAssertContains(page.body.string, PlansFillText.title(0))
            XCTAssertContains(page.body.string, PlansFillText.title(49))
        }
    }
}
