import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// The coordinators' editor: a plan made, its sections and activities added, changed, moved and
/// removed; bad input refused with a message and nothing changed; nobody else gets in.
final class EditorTests: XCTestCase {
    func testACoordinatorBuildsADraftOfSectionsAndActivities() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")

            // MUT: a new plan, twice (a double click), then a section and an activity
            let form = ["title": "Één Amsterdam: wij doen mee!", "summary": "Wat we samen gaan doen."]
            let created = try await browser.post(PlansPath.newPlan.path, form)
            let again = try await browser.post(PlansPath.newPlan.path, form)

            // validation: one plan, its address made from the title
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertEqual(created.location, "/plannen/een-amsterdam-wij-doen-mee/bewerken")
            XCTAssertEqual(again.location, created.location)
            let firstPlan = try await Plan.query(on: app.db).first()
            let plan = try XCTUnwrap(firstPlan)
            let planCount = try await Plan.query(on: app.db).count()
            XCTAssertEqual(planCount, 1)
            XCTAssertEqual(plan.publishedVersion, 0)
            let slug = Parameter<String>.value(plan.slug)

            // MUT: two sections, an activity in the first
            for title in ["De politiek spreekt zich uit", "Bewonersnetwerken"] {
                let saved = try await browser.post(PlansPath.newSection(slug).path, ["title": title, "body": "Het moet **anders**."])
                XCTAssertEqual(saved.status, .seeOther)
            }
            let sections = try await PlanSection.query(on: app.db).sort(\.$position).all()
            XCTAssertEqual(sections.map(\.title), ["De politiek spreekt zich uit", "Bewonersnetwerken"])
            let first = Parameter<UUID>.value(try sections[0].requireID())
            let district = try XCTUnwrap(app.reference.districts.first)
            let domain = try XCTUnwrap(app.reference.domains.first)
            let added = try await browser.post(
                PlansPath.newActivity(slug, section: first).path,
                [
                    "title": "Dialoog met fractieleiders", "organiser": "De coördinatiegroep", "timing": "Maart", "needs": "Een zaal",
                    "domain": domain.slug, "district": district.code,
                ])
            XCTAssertEqual(added.status, .seeOther)
            let firstActivity = try await PlanActivity.query(on: app.db).first()
            let activity = try XCTUnwrap(firstActivity)
            XCTAssertEqual(activity.district, district.code)
            XCTAssertEqual(activity.domain, domain.slug)

            // MUT: the editor page lists them with a link to each action
            let editor = try await browser.get(PlansPath.editPlan(slug).path)
            XCTAssertEqual(editor.status, .ok)
            XCTAssertContains(editor.body.string, "Dialoog met fractieleiders")
            XCTAssertContains(editor.body.string, PlansPath.editActivity(slug, activity: .value(try activity.requireID())).path)
            XCTAssertContains(editor.body.string, PlansPath.publish(slug).path)

            // MUT: change the activity, move the second section up, remove the first (its activity goes too)
            let edited = try await browser.post(
                PlansPath.editActivity(slug, activity: .value(try activity.requireID())).path,
                ["title": "Dialoog met alle fractieleiders", "district": ""])
            XCTAssertEqual(edited.status, .seeOther)
            let moved = try await browser.post(
                PlansPath.moveSection(slug, section: .value(try sections[1].requireID())).path, ["richting": "op"])
            XCTAssertEqual(moved.status, .seeOther)
            let order = try await PlanSection.query(on: app.db).sort(\.$position).all().map(\.title)
            XCTAssertEqual(order, ["Bewonersnetwerken", "De politiek spreekt zich uit"])
            let confirm = try await browser.get(PlansPath.removeSection(slug, section: first).path)
            XCTAssertContains(confirm.body.string, "De politiek spreekt zich uit")
            let removed = try await browser.post(PlansPath.removeSection(slug, section: first).path).status
            XCTAssertEqual(removed, .seeOther)
            let removedAgain = try await browser.post(PlansPath.removeSection(slug, section: first).path).status
            XCTAssertEqual(removedAgain, .seeOther, "again: same outcome")

            // validation
            let changedRow = try await PlanActivity.find(activity.requireID(), on: app.db)
            let changed = try XCTUnwrap(changedRow)
            XCTAssertEqual(changed.title, "Dialoog met alle fractieleiders")
            XCTAssertNil(changed.district)
            XCTAssertNotNil(changed.removedAt, "a removed section's activities go too")
            let planNow = try await Plan.find(plan.requireID(), on: app.db)
            let draft = try await DraftSnapshot.make(try XCTUnwrap(planNow), on: app.db)
            XCTAssertEqual(draft.sections.map(\.title), ["Bewonersnetwerken"])
            let auditCount = try await AuditEvent.query(on: app.db).filter(\.$action ~~ "plans.").count()
            XCTAssertGreaterThanOrEqual(auditCount, 7)
            let manage = try await browser.get(PlansPath.manage.path)
            XCTAssertContains(manage.body.string, "Één Amsterdam: wij doen mee!")
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testSlugsAreASCIIUniqueAndNeverReserved() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let create = { (title: String) async throws -> String in
                guard
                    case .created(let slug) = try await CreatePlan(app: app).run(
                        .init(title: title, summary: ""), by: coordinator, language: .nl)
                else {
                    XCTFail("not created")
                    return ""
                }
                return slug
            }

            // MUT
            let reserved = try await create("Nieuw")
            let first = try await create("Café Müller & co")
            app.clock.advance(by: 120)
            let second = try await create("Café Müller & co")
            let empty = try await create("!!!")

            // validation
            XCTAssertEqual(reserved, "nieuw-2")
            XCTAssertEqual(first, "cafe-muller-co")
            XCTAssertEqual(second, "cafe-muller-co-2")
            XCTAssertEqual(empty, "plan")
            XCTAssertEqual(PlanSlug.base(String(repeating: "a b ", count: 100)).count, 59)
            for slug in PlansPath.reservedSlugs {
                let made = try await create(slug)
                XCTAssertNotEqual(made, slug)
            }
        }
    }

    func testBadInputGetsAMessageAndChangesNothing() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let plan = try await PlanFixture.draft(app)
            let slug = Parameter<String>.value(plan.slug)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            let firstSection = try await PlanSection.query(on: app.db).sort(\.$position).first()
            let section = try XCTUnwrap(firstSection)
            let before = try await PlanSection.query(on: app.db).count()

            // MUT + validation: an empty title
            let empty = try await browser.post(PlansPath.newSection(slug).path, ["title": "  ", "body": "Tekst"])
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertContains(empty.body.string, "error-summary")
            XCTAssertContains(empty.body.string, "section-title-error")

            // a 100 KB body: over the form parser's cap, a clear message
            let huge = try await browser.post(
                PlansPath.newSection(slug).path, ["title": "Groot", "body": String(repeating: "x", count: 100_000)])
            XCTAssertEqual(huge.status, .badRequest)
            XCTAssertContains(huge.body.string, "veel te lang")

            // just over the section's own limit: the field says its limit
            let long = try await browser.post(
                PlansPath.editSection(slug, section: .value(try section.requireID())).path,
                ["title": "Groot", "body": String(repeating: "y", count: PlanFields.maxBody + 1)])
            XCTAssertEqual(long.status, .badRequest)
            XCTAssertContains(long.body.string, "section-body-error")

            // an activity with a domain and district not in the reference data, a title too long
            let activity = try await browser.post(
                PlansPath.newActivity(slug, section: .value(try section.requireID())).path,
                ["title": String(repeating: "t", count: 201), "domain": "geen-thema", "district": "Z"])
            XCTAssertEqual(activity.status, .badRequest)
            XCTAssertContains(activity.body.string, "activity-domain-error")
            XCTAssertContains(activity.body.string, "activity-district-error")
            XCTAssertContains(activity.body.string, "activity-title-error")

            // an empty plan title; an unknown direction; a section of another plan
            let plain = try await browser.post(PlansPath.newPlan.path, ["title": ""])
            XCTAssertEqual(plain.status, .badRequest)
            let direction = try await browser.post(
                PlansPath.moveSection(slug, section: .value(try section.requireID())).path, ["richting": "opzij"])
            XCTAssertEqual(direction.status, .badRequest)
            let other = try await PlanFixture.draft(app, slug: "ander-plan")
            let foreign = try await browser.get(PlansPath.editSection(.value(other.slug), section: .value(try section.requireID())).path)
            XCTAssertEqual(foreign.status, .notFound)

            // nothing changed
            let sectionCount = try await PlanSection.query(on: app.db).count()
            XCTAssertEqual(sectionCount, before + 2)
            let sectionRow = try await PlanSection.find(section.requireID(), on: app.db)
            let unchanged = try XCTUnwrap(sectionRow)
            XCTAssertEqual(unchanged.body, "Het moet **anders**.")
            let activityCount = try await PlanActivity.query(on: app.db).count()
            XCTAssertEqual(activityCount, 4)
            let planCount = try await Plan.query(on: app.db).count()
            XCTAssertEqual(planCount, 2)
        }
    }

    func testAResidentGetsForbiddenOnEveryEditorRoute() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            let slug = Parameter<String>.value(plan.slug)
            let someSection = try await PlanSection.query(on: app.db).first()
            let section = Parameter<UUID>.value(try XCTUnwrap(someSection).requireID())
            let someActivity = try await PlanActivity.query(on: app.db).first()
            let activity = Parameter<UUID>.value(try XCTUnwrap(someActivity).requireID())
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")
            let paths: [PlansPath] = [
                .manage, .newPlan, .editPlan(slug), .newSection(slug), .editSection(slug, section: section),
                .removeSection(slug, section: section), .newActivity(slug, section: section), .editActivity(slug, activity: activity),
                .removeActivity(slug, activity: activity), .publish(slug),
            ]

            for path in paths {
                // MUT
                let page = try await resident.get(path.path)
                let post = try await resident.post(path.path, ["title": "Overgenomen", "note": "x"])
                // validation
                XCTAssertEqual(page.status, .forbidden, path.path)
                // (the overview has no form: nothing to post to)
                XCTAssertEqual(post.status, path.path == PlansPath.manage.path ? .notFound : .forbidden, path.path)
            }
            let moved = try await resident.post(PlansPath.moveSection(slug, section: section).path, ["richting": "op"]).status
            XCTAssertEqual(moved, .forbidden)
            let takenOver = try await PlanSection.query(on: app.db).filter(\.$title == "Overgenomen").count()
            XCTAssertEqual(takenOver, 0)
            let versionCount = try await PlanVersion.query(on: app.db).count()
            XCTAssertEqual(versionCount, 0)
        }
    }
}
