import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// Markdown as a reader meets it on the pages: published text with a stray tag keeps its
/// paragraphs, and its headings follow the page's own (no skipped level for axe).
final class MarkdownPageTests: XCTestCase {
    func testPublishedMarkdownKeepsItsShapeAndHeadingOrder() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: a section and an activity whose text has headings and an unclosed tag
            let plan = try await PlanFixture.draft(app)
            let section = try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).first()
            section?.body = "# Doel\n## Waarom\nTekst met <b>vet\n\n- een\n- twee\n\nLees [verder](/plannen)."
            try await section?.save(on: app.db)
            let activity = try await PlanActivity.query(on: app.db).filter(\.$sectionID == section!.requireID()).first()
            activity?.description = "# Hoe\nEerst <en> dan *samen*."
            try await activity?.save(on: app.db)

            // MUT
            try await PlanFixture.publish(app, plan)
            let browser = Browser(app)
            let planPage = try await browser.get(PlansPath.plan(.value(plan.slug)).path)
            let versionPage = try await browser.get(PlansPath.version(.value(plan.slug), number: .value(1)).path)

            // validation: under the section's <h2>, `#` is <h3>; the rest of the text is still Markdown
            XCTAssertEqual(planPage.status, .ok)
            XCTAssertContains(
                planPage.body.string, "<h3>Doel</h3><h4>Waarom</h4><p>Tekst met &lt;b&gt;vet</p><ul><li>een</li><li>twee</li></ul>")
            XCTAssertContains(planPage.body.string, "<a href=\"/plannen\">verder</a>")
            // On the version page an activity's description sits under its <h3> title.
            XCTAssertEqual(versionPage.status, .ok)
            XCTAssertContains(versionPage.body.string, "<h3>Dialoog met fractieleiders</h3>")
            XCTAssertContains(versionPage.body.string, "<h4>Hoe</h4><p>Eerst &lt;en&gt; dan <em>samen</em>.</p>")
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
