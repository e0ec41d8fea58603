import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Dashboard

/// `/dashboard` and `/dashboard/indicator/<key>`: every plan indicator with its value, target
/// and progress or "not yet available"; each chart an accessible SVG with its numbers in a table.
final class PageDashboardTests: XCTestCase {
    func testEveryPlanIndicatorShowsItsValueAndTargetOrNotYetAvailable() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup
            let (year, targets) = try await app.indicatorTargets(app)
            let target = try XCTUnwrap(targets["manifesto_signatures"])

            // MUT
            let page = try await Browser(app).get(DashboardPath.dashboard.path)
            let english = try await Browser(app).get(DashboardPath.dashboard.path, headers: ["Accept-Language": "en"])

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertContains(html, "<h1>Voortgang van de beweging</h1>")
            XCTAssertContains(html, "Handtekeningen onder het manifest")
            XCTAssertContains(html, "1.234")
            XCTAssertContains(html, "Doel voor \(year): \(Money.group(target, separator: "."))")
            let percent = ProgressBar.percent(1234, of: target)
            XCTAssertContains(html, "\(percent) procent van het doel voor \(year) bereikt.")
            // Every other plan indicator is there, "not yet available".
            for plan in DashboardBoard.planKeys where plan.key != "manifesto_signatures" {
                XCTAssertContains(html, "id=\"\(plan.key)\"")
            }
            XCTAssertEqual(html.components(separatedBy: "Nog niet beschikbaar").count - 1, DashboardBoard.planKeys.count - 1)
            XCTAssertContains(english.body.string, "Not yet available")
            XCTAssertContains(english.body.string, "Signatures under the manifesto")
            // The weekly series as bars, with a table.
            XCTAssertContains(html, "id=\"week-test-subscribers-table\"")
            XCTAssertContains(html, "/static/dashboard.css")
        }
    }

    func testEachChartIsANamedDescribedImageWithTheSameNumbersInATable() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup: 60 days growing from 1000 by 3 a day
            try await PageFixture.snapshots(app, days: 60, first: 1000, step: 3)
            let last = Money.group(1000 + 59 * 3, separator: ".")

            // MUT
            let html = try await Browser(app).get(DashboardPath.dashboard.path).body.string

            // validation: the trend
            XCTAssertContains(html, #"aria-labelledby="ind-manifesto-signatures-trend-title ind-manifesto-signatures-trend-desc""#)
            XCTAssertContains(html, #"<title id="ind-manifesto-signatures-trend-title">Verloop: Handtekeningen onder het manifest</title>"#)
            let desc = try XCTUnwrap(html.components(separatedBy: #"<desc id="ind-manifesto-signatures-trend-desc">"#).last)
                .components(separatedBy: "</desc>")[0]
            XCTAssertContains(desc, "1.000")
            XCTAssertContains(desc, last)
            let table = try XCTUnwrap(html.components(separatedBy: #"<table id="ind-manifesto-signatures-trend-table">"#).last)
                .components(separatedBy: "</table>")[0]
            XCTAssertContains(table, "<td class=\"number\">\(last)</td>")
            // The districts, in the chart and in the table.
            XCTAssertContains(html, #"<desc id="ind-manifesto-signatures-districts-desc">"#)
            XCTAssertContains(html, "Centrum: 700")
            XCTAssertContains(html, "<th scope=\"row\">Centrum</th><td class=\"number\">700</td>")
            // Every chart scales with the page: a viewBox, 100% wide, no width in pixels.
            let svgs = html.components(separatedBy: "<svg ").dropFirst()
            XCTAssertGreaterThanOrEqual(svgs.count, 4)
            for svg in svgs {
                let head = String(svg.prefix { $0 != ">" })
                XCTAssertContains(head, "viewBox=\"0 0 320 ")
                XCTAssertContains(head, "width=\"100%\"")
                XCTAssertContains(head, "role=\"img\"")
                XCTAssertNil(head.range(of: #" width="[0-9.]+(px)?""#, options: .regularExpression))
            }
        }
    }

    func testTwoYearsOfDailySnapshotsAreDrawnFromWeeklyPointsAndQuickly() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup
            for plan in DashboardBoard.planKeys { try await PageFixture.snapshots(app, key: plan.key, days: 730, step: 2) }

            // MUT
            let started = Date()
            let first = try await Browser(app).get(DashboardPath.dashboard.path)
            let firstTime = Date().timeIntervalSince(started)
            var times: [TimeInterval] = []
            for _ in 0..<20 {
                let start = Date()
                _ = try await Browser(app).get(DashboardPath.dashboard.path)
                times.append(Date().timeIntervalSince(start))
            }

            // validation
            XCTAssertEqual(first.status, .ok)
            let polyline = try XCTUnwrap(first.body.string.range(of: #"<polyline points="[^"]*""#, options: .regularExpression))
            let points = first.body.string[polyline].split(separator: " ").count
            XCTAssertLessThanOrEqual(points, 110, "a two-year line is drawn from weekly points")
            XCTAssertEqual(TrendChart.thinned((0..<730).map { .init(day: "d\($0)", value: Int64($0)) }).last?.value, 729)
            // The page is kept per language: the views after the first are cheap (debug build, so loose).
            let median = times.sorted()[times.count / 2]
            XCTAssertLessThan(median, max(firstTime, 0.05), "median \(median)s after a first view of \(firstTime)s")
        }
    }

    func testAnIndicatorPageShowsItsWholeHistoryAndAnUnknownKeyIsNotFound() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup
            try await PageFixture.snapshots(app, days: 200, first: 10)

            // MUT
            let page = try await Browser(app).get(DashboardPath.indicator(.value("manifesto_signatures")).path)
            let missing = try await Browser(app).get(DashboardPath.indicator(.value("media_campaigns")).path)
            let unknown = try await Browser(app).get(DashboardPath.indicator(.value("no_such_thing")).path)
            let hostile = try await Browser(app).get("/dashboard/indicator/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            let huge = try await Browser(app).get("/dashboard/indicator/" + String(repeating: "a", count: 5000))

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertContains(page.body.string, "<h1>Handtekeningen onder het manifest</h1>")
            XCTAssertContains(page.body.string, "id=\"ind-manifesto-signatures-trend-table\"")
            XCTAssertEqual(missing.status, .ok)
            XCTAssertContains(missing.body.string, "Nog niet beschikbaar")
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(hostile.status, .notFound)
            XCTAssertFalse(hostile.body.string.contains("<script>alert"))
            XCTAssertNotEqual(huge.status, .ok)
        }
    }

    func testThePrintStylesheetIsServedAndLinked() async throws {
        try await withApp(features: PageFixture.features) { app in
            // MUT
            let css = try await Browser(app).get("/static/dashboard.css")

            // validation
            XCTAssertEqual(css.status, .ok)
            let text = css.body.string
            XCTAssertContains(text, "@page { size: A4;")
            XCTAssertContains(text, "@media print")
            XCTAssertContains(text, "break-inside: avoid")
            XCTAssertContains(text, "break-before: page")
            XCTAssertContains(text, ".site-header, .site-footer")
        }
    }
}
