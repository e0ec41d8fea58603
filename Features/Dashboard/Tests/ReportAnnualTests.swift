import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Dashboard

/// `/dashboard/jaarverslag/<year>`: the indicators against that year's targets with the year's
/// last snapshot, every feature's sections, printable; a year without a report is not found.
final class ReportAnnualTests: XCTestCase {
    func testTheReportMeasuresTheYearsLastSnapshotAgainstThatYearsTarget() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup: a year before this one, with its own target and snapshots past its end
            let year = PageFixture.thisYear(app) - 1
            try await PageFixture.target(app, year: year + 100, 1)  // another year's target is not this report's
            try await PageFixture.snapshot(app, day: "\(year)-12-30", value: 500)
            try await PageFixture.snapshot(app, day: "\(year)-12-31", value: 2500)
            try await PageFixture.snapshot(app, day: "\(year + 1)-01-02", value: 9000)
            let targets = try await AnnualReportPage.targets(year: year, app: app)
            if targets["manifesto_signatures"] == nil { try await PageFixture.target(app, year: year, 10_000) }
            let target = try await AnnualReportPage.targets(year: year, app: app)["manifesto_signatures"]!

            // MUT
            let page = try await Browser(app).get(DashboardPath.annualReport(.value(year)).path)

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertContains(html, "<h1>Jaarverslag \(year)</h1>")
            XCTAssertContains(html, "<td class=\"number\">2.500</td>")
            XCTAssertFalse(html.contains("9.000"))
            XCTAssertContains(html, "<td class=\"number\">\(Money.group(target, separator: "."))</td>")
            XCTAssertContains(html, "<td class=\"number\">\(ProgressBar.percent(2500, of: target))%</td>")
            XCTAssertContains(html, "Nog niet beschikbaar")
            XCTAssertContains(html, "report-print-hint")
            XCTAssertContains(html, "class=\"report-features\"")
        }
    }

    func testTheCurrentYearShowsTodaysValue() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup
            let year = PageFixture.thisYear(app)
            try await PageFixture.snapshot(app, day: "\(year)-01-01", value: 3)

            // MUT
            let html = try await Browser(app).get(DashboardPath.annualReport(.value(year)).path).body.string
            let latest = try await Browser(app).get(DashboardPath.annualReports.path)

            // validation
            XCTAssertContains(html, "<td class=\"number\">1.234</td>")
            XCTAssertEqual(latest.status, .seeOther)
            XCTAssertEqual(latest.location, DashboardPath.annualReport(.value(year)).path)
        }
    }

    func testAYearWithoutAReportIsNotFound() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup: nothing in 2022 (no targets, no snapshots, no sections)
            let next = PageFixture.thisYear(app) + 1
            let browser = Browser(app)

            // MUT and validation
            for year in ["2020", "1999", "\(next)", "2022", "abcd", "02025", "+2025", "99999", "-1", "1e3", "%3Cb%3E"] {
                let response = try await browser.get("/dashboard/jaarverslag/\(year)")
                XCTAssertEqual(response.status, .notFound, year)
            }
        }
    }

    func testFeaturesSectionsAreShownWithMoneyInEuros() async throws {
        try await withApp(features: PageFixture.features + [SectionFeature()]) { app in
            // setup
            let year = PageFixture.thisYear(app) - 1

            // MUT
            let html = try await Browser(app).get(DashboardPath.annualReport(.value(year)).path).body.string
            let english = try await Browser(app).get(DashboardPath.annualReport(.value(year)).path, headers: ["Accept-Language": "en"])

            // validation
            XCTAssertContains(html, "€ 1.234,56")
            XCTAssertContains(html, "<strong>Buurtfeest &lt;Oost&gt;</strong>")
            XCTAssertFalse(html.contains("<Oost>"))
            XCTAssertContains(html, "href=\"/agenda/buurtfeest\" data-url=\"\(app.config.baseURL)/agenda/buurtfeest\"")
            XCTAssertContains(english.body.string, "€1,234.56")
        }
    }
}

/// A feature with one section in every year: an amount and two items.
private struct SectionFeature: Feature {
    let name = "section-test"
    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
    func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        [
            ReportSection(
                titleKey: "report.indicator", figures: [.init(labelKey: "report.value", value: 123_456, unit: "euro cents")],
                items: [
                    .init(title: "Buurtfeest <Oost>", day: "\(year)-06-01", detail: "40 bezoekers"),
                    .init(title: "Buurtfeest", day: "\(year)-07-01", path: "/agenda/buurtfeest"),
                ])
        ]
    }
}
