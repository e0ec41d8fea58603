import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A feature that registers headline figures, as the manifesto and the fund do.
struct CountingFeature: Feature {
    let name = "counting"
    /// Its labels, as a real feature's `Locales` would give them (a missing text fails a test).
    static let texts: [Language: [String: String]] = [
        .nl: ["indicator.fund_raised_cents": "opgehaald", "indicator.manifesto_signatures": "handtekeningen"],
        .en: ["indicator.fund_raised_cents": "raised", "indicator.manifesto_signatures": "signatures"],
    ]
    func routes(_ routes: any RoutesBuilder, app: Application) {}
    func indicators() -> [Indicator] {
        [
            Indicator(key: "fund_raised_cents", unit: "euro cents", headlineOrder: 2) { _ in 12_345 },
            Indicator(key: "manifesto_signatures", unit: "signatures", headlineOrder: 1) { _ in 4_321 },
            Indicator(key: "not_on_the_home_page", unit: "things") { _ in 7 },
        ]
    }
}

final class PagesTests: XCTestCase {
    func testHomePageShowsTheRegisteredHeadlineFiguresInOrder() async throws {
        try await withApp(features: [CountingFeature()]) { app in
            app.catalogue = app.catalogue.adding(CountingFeature.texts)
            let browser = Browser(app)
            let home = try await browser.get(CorePath.home.path)
            XCTAssertEqual(home.status, .ok)
            let html = home.body.string
            XCTAssertTrue(html.contains("<html lang=\"nl\" dir=\"ltr\">"))
            let signatures = try XCTUnwrap(html.range(of: "data-indicator=\"manifesto_signatures\""))
            let raised = try XCTUnwrap(html.range(of: "data-indicator=\"fund_raised_cents\""))
            XCTAssertLessThan(signatures.lowerBound, raised.lowerBound, "in their headline order")
            XCTAssertFalse(html.contains("not_on_the_home_page"))
            XCTAssertTrue(html.contains("€ 123,45"))
            XCTAssertTrue(html.contains("4.321"))
            XCTAssertTrue(html.contains("10.000"), "the 2025 signature target")
        }
    }

    func testHomePageShowsNoFiguresOfFeaturesThatAreNotThere() async throws {
        try await withApp { app in
            let html = try await Browser(app).get(CorePath.home.path).body.string
            XCTAssertFalse(html.contains("data-indicator"))
            XCTAssertFalse(html.contains("€ 0,00"))
        }
    }

    func testLanguageSwitch() async throws {
        try await withApp { app in
            let browser = Browser(app)

            let switched = try await browser.get("/taal/en?terug=%2Fprivacy")
            XCTAssertEqual(switched.location, CorePath.privacy.path)
            let english = try await browser.get(CorePath.privacy.path)
            XCTAssertTrue(english.body.string.contains("<html lang=\"en\" dir=\"ltr\">"))
            XCTAssertTrue(english.body.string.contains("Privacy statement"))
        }
    }

    func testBrowserLanguageIsHonouredUntilTheVisitorChooses() async throws {
        try await withApp { app in
            let browser = Browser(app)
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en-GB,en;q=0.9,nl;q=0.5")
            let englishFirst = try await browser.get(CorePath.home.path).body.string.contains("<html lang=\"en\" dir=\"ltr\">")
            XCTAssertTrue(englishFirst)
            try await browser.get(CorePath.language(.value("nl")).path)
            let dutchChosen = try await browser.get(CorePath.home.path).body.string.contains("<html lang=\"nl\" dir=\"ltr\">")
            XCTAssertTrue(dutchChosen)
        }
    }

    func testErrorPagesInBothLanguages() async throws {
        try await withApp { app in
            let dutch = try await Browser(app).get("/bestaat-niet")
            XCTAssertEqual(dutch.status, .notFound)
            XCTAssertTrue(dutch.body.string.contains("Pagina niet gevonden"))
            let visitor = Browser(app)
            visitor.cookies["kracht_lang"] = "en"
            let english = try await visitor.get("/does-not-exist")
            XCTAssertEqual(english.status, .notFound)
            XCTAssertTrue(english.body.string.contains("Page not found"))

            _ = try await app.makeUser(email: "r@example.nl")
            try await visitor.logIn("r@example.nl")
            let forbidden = try await visitor.get(CorePath.adminRoles().path)
            XCTAssertEqual(forbidden.status, .forbidden)
            XCTAssertTrue(forbidden.body.string.contains("No access"))

            let api = try await Browser(app).get("/api/v1/nope", headers: ["Accept": "application/json"])
            XCTAssertEqual(api.status, .notFound)
            XCTAssertEqual(api.headers.contentType, .json)
        }
    }

    func testHealthMetricsAndOpenData() async throws {
        try await withApp(features: [CountingFeature()]) { app in
            app.catalogue = app.catalogue.adding(CountingFeature.texts)
            let health = try await Browser(app).get(CorePath.health.path)
            XCTAssertEqual(health.status, .ok)
            XCTAssertTrue(health.body.string.contains("\"ok\""))

            try await Browser(app).get(CorePath.home.path)
            app.config.metricsToken = "scrape-token"
            let metrics = try await Browser(app).get(CorePath.metrics.path, headers: ["Authorization": "Bearer scrape-token"])
            XCTAssertTrue(metrics.body.string.contains("kracht_outbox_pending"))
            XCTAssertTrue(metrics.body.string.contains("http_requests_total"))

            let indicators = try await Browser(app).get(CorePath.api("indicators").path)
            let values = try JSONDecoder().decode([IndicatorValue].self, from: indicators.body)
            XCTAssertEqual(values.first { $0.key == "manifesto_signatures" }?.target, 10_000)
            XCTAssertEqual(values.first { $0.key == "fund_raised_cents" }?.target, 10_000_000)

            let spec = try await Browser(app).get(CorePath.api("openapi.json").path)
            let document = try JSONDecoder().decode(JSONValue.self, from: spec.body)
            guard case .object(let root) = document else { return XCTFail() }
            XCTAssertEqual(root["openapi"], "3.1.0")
        }
    }
}
