import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// Publishing: the draft becomes a numbered, dated version with a note; the publish page shows
/// what changes; nothing is published without a note, without a change or without a section;
/// two publishes at once make one version.
final class PublishTests: XCTestCase {
    func testPublishVersionOneThenEditAndPublishVersionTwoWithTheChangeShown() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let plan = try await PlanFixture.draft(app)
            let slug = Parameter<String>.value(plan.slug)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")

            // MUT: version 1
            let first = try await browser.get(PlansPath.publish(slug).path)
            XCTAssertEqual(first.status, .ok)
            XCTAssertContains(first.body.string, "De politiek spreekt zich uit")
            let published = try await browser.post(PlansPath.publish(slug).path, ["note": "Eerste versie."])

            // validation
            XCTAssertEqual(published.status, .seeOther)
            XCTAssertEqual(published.location, PlansPath.plan(slug).path)
            let afterFirst = try await Plan.find(plan.requireID(), on: app.db)
            var stored = try XCTUnwrap(afterFirst)
            XCTAssertEqual(stored.publishedVersion, 1)
            XCTAssertNotNil(stored.publishedAt)
            let firstVersion = try await PlanVersion.query(on: app.db).filter(\.$number == 1).first()
            let v1 = try XCTUnwrap(firstVersion)
            XCTAssertEqual(v1.note, "Eerste versie.")
            XCTAssertEqual(try v1.snapshot().sections.count, 2)
            XCTAssertContains(try v1.snapshot().sections[0].html, "<strong>anders</strong>")

            // MUT: edit the first section and the plan's title in the draft
            let firstSection = try await PlanSection.query(on: app.db).sort(\.$position).first()
            let section = try XCTUnwrap(firstSection)
            app.clock.advance(by: 5)
            try await browser.post(
                PlansPath.editSection(slug, section: .value(try section.requireID())).path,
                ["title": section.title, "body": "Het moet **echt** anders."])
            try await browser.post(PlansPath.editPlan(slug).path, ["title": "Calls to Action 2022", "summary": "Wat we samen gaan doen."])
            let afterEdit = try await Plan.find(plan.requireID(), on: app.db)
            stored = try XCTUnwrap(afterEdit)
            XCTAssertEqual(stored.title, "Calls to Action", "the public title stays until the next version")
            XCTAssertGreaterThan(stored.draftChangedAt, try XCTUnwrap(stored.publishedAt))
            let manage = try await browser.get(PlansPath.manage.path)
            XCTAssertContains(manage.body.string, "Wijzigingen nog niet gepubliceerd")

            // MUT: the publish page shows the change; version 2
            let review = try await browser.get(PlansPath.publish(slug).path)
            XCTAssertEqual(review.status, .ok)
            XCTAssertContains(review.body.string, "echt")
            XCTAssertContains(review.body.string, "<ins")
            let second = try await browser.post(PlansPath.publish(slug).path, ["note": "Scherper geformuleerd."])

            // validation
            XCTAssertEqual(second.status, .seeOther)
            let afterSecond = try await Plan.find(plan.requireID(), on: app.db)
            stored = try XCTUnwrap(afterSecond)
            XCTAssertEqual(stored.publishedVersion, 2)
            XCTAssertEqual(stored.title, "Calls to Action 2022")
            XCTAssertNil(stored.draftTitle)
            let versions = try await PlanVersion.query(on: app.db).sort(\.$number).all()
            XCTAssertEqual(versions.map(\.number), [1, 2])
            let diff = PlanDiff.compare(try versions[0].snapshot(), try versions[1].snapshot())
            XCTAssertNotNil(diff.title, "the title changed")
            XCTAssertEqual(try versions[1].snapshot().sections[0].markdown, "Het moet **echt** anders.")
            let page = try await Browser(app).get(PlansPath.plan(slug).path)
            XCTAssertContains(page.body.string, "Versie 2")
            XCTAssertContains(page.body.string, "Scherper geformuleerd.")
            let publishedEvents = try await AuditEvent.query(on: app.db).filter(\.$action == "plans.version.published").count()
            XCTAssertEqual(publishedEvents, 2)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testNoteMissingNothingToPublishAndEmpty() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let plan = try await PlanFixture.draft(app)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            let publish = PublishPlan(app: app)

            // MUT + validation: no note
            let noNote = try await browser.post(PlansPath.publish(.value(plan.slug)).path, ["note": "   "])
            XCTAssertEqual(noNote.status, .badRequest)
            XCTAssertContains(noNote.body.string, "publish-note-error")
            let tooLong = try await publish.run(
                planID: plan.requireID(), note: String(repeating: "n", count: 501), by: coordinator, language: .nl)
            guard case .noteMissing = tooLong else { return XCTFail("\(tooLong)") }
            let versionsWithoutNote = try await PlanVersion.query(on: app.db).count()
            XCTAssertEqual(versionsWithoutNote, 0)

            // published once, then again without a change
            let firstPublish = try await publish.run(planID: plan.requireID(), note: "Eerste.", by: coordinator, language: .nl)
            XCTAssertEqual(firstPublish, .published(number: 1))
            let same = try await browser.post(PlansPath.publish(.value(plan.slug)).path, ["note": "Nog eens."])
            XCTAssertEqual(same.status, .badRequest)
            XCTAssertContains(same.body.string, "niets te publiceren")
            let versionsAfterRepeat = try await PlanVersion.query(on: app.db).count()
            XCTAssertEqual(versionsAfterRepeat, 1)

            // a plan without sections
            guard
                case .created(let slug) = try await CreatePlan(app: app).run(
                    .init(title: "Leeg", summary: ""), by: coordinator, language: .nl),
                let empty = try await PlanAccess.plan(slug: slug, on: app.db)
            else { return XCTFail("not created") }
            let emptyPublish = try await publish.run(planID: empty.requireID(), note: "Leeg.", by: coordinator, language: .nl)
            XCTAssertEqual(emptyPublish, .empty)
            let emptyPage = try await browser.post(PlansPath.publish(.value(slug)).path, ["note": "Leeg."])
            XCTAssertContains(emptyPage.body.string, "nog geen onderdelen")
            let versionsAfterEmpty = try await PlanVersion.query(on: app.db).count()
            XCTAssertEqual(versionsAfterEmpty, 1)
        }
    }

    func testTwoPublishesAtOnceMakeOneVersion() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let plan = try await PlanFixture.draft(app)
            let planID = try plan.requireID()

            // MUT
            async let a = PublishPlan(app: app).run(planID: planID, note: "Een.", by: coordinator, language: .nl)
            async let b = PublishPlan(app: app).run(planID: planID, note: "Twee.", by: coordinator, language: .nl)
            let outcomes = try await [a, b]

            // validation
            XCTAssertEqual(outcomes.filter { $0 == .published(number: 1) }.count, 1, "\(outcomes)")
            XCTAssertEqual(outcomes.filter { $0 == .nothingToPublish }.count, 1, "\(outcomes)")
            let versionCount = try await PlanVersion.query(on: app.db).count()
            XCTAssertEqual(versionCount, 1)
            let publishedVersion = try await Plan.find(planID, on: app.db)?.publishedVersion
            XCTAssertEqual(publishedVersion, 1)
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
