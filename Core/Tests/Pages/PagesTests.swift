import KrachtTesting
import KrachtCore
import Vapor
import XCTVapor
import XCTest

final class PagesTests: XCTestCase {
    func testHomePageInDutchWithCountersAndSwitchesToEnglish() async throws {
        try await withApp { app in
            let browser = Browser(app)
            let home = try await browser.get("/")
            XCTAssertEqual(home.status, .ok)
            let html = home.body.string
            XCTAssertTrue(html.contains("<html lang=\"nl\">"))
            for key in ["manifesto_signatures", "fund_donors", "fund_raised_cents", "initiatives", "upcoming_events"] {
                XCTAssertTrue(html.contains("data-indicator=\"\(key)\""), key)
            }
            XCTAssertTrue(html.contains("€ 0,00"))
            XCTAssertTrue(html.contains("10.000"), "the 2025 signature target")

            let switched = try await browser.get("/taal/en?terug=%2Fprivacy")
            XCTAssertEqual(switched.location, "/privacy")
            let english = try await browser.get("/privacy")
            XCTAssertTrue(english.body.string.contains("<html lang=\"en\">"))
            XCTAssertTrue(english.body.string.contains("Privacy statement"))
        }
    }

    func testBrowserLanguageIsHonouredUntilTheVisitorChooses() async throws {
        try await withApp { app in
            let browser = Browser(app)
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en-GB,en;q=0.9,nl;q=0.5")
            let englishFirst = try await browser.get("/").body.string.contains("<html lang=\"en\">")
            XCTAssertTrue(englishFirst)
            try await browser.get("/taal/nl")
            let dutchChosen = try await browser.get("/").body.string.contains("<html lang=\"nl\">")
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
            let forbidden = try await visitor.get("/beheer/rollen")
            XCTAssertEqual(forbidden.status, .forbidden)
            XCTAssertTrue(forbidden.body.string.contains("No access"))

            let api = try await Browser(app).get("/api/v1/nope", headers: ["Accept": "application/json"])
            XCTAssertEqual(api.status, .notFound)
            XCTAssertEqual(api.headers.contentType, .json)
        }
    }

    func testHealthMetricsAndOpenData() async throws {
        try await withApp { app in
            let health = try await Browser(app).get("/health")
            XCTAssertEqual(health.status, .ok)
            XCTAssertTrue(health.body.string.contains("\"ok\""))

            try await Browser(app).get("/")
            let metrics = try await Browser(app).get("/metrics")
            XCTAssertTrue(metrics.body.string.contains("kracht_outbox_pending"))
            XCTAssertTrue(metrics.body.string.contains("http_requests_total"))

            let indicators = try await Browser(app).get("/api/v1/indicators")
            let values = try JSONDecoder().decode([IndicatorValue].self, from: indicators.body)
            XCTAssertEqual(values.first { $0.key == "manifesto_signatures" }?.target, 10_000)
            XCTAssertEqual(values.first { $0.key == "fund_raised_cents" }?.target, 10_000_000)

            let spec = try await Browser(app).get("/api/v1/openapi.json")
            let document = try JSONDecoder().decode(JSONValue.self, from: spec.body)
            guard case .object(let root) = document else { return XCTFail() }
            XCTAssertEqual(root["openapi"], "3.1.0")
        }
    }
}
