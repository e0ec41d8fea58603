import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

final class OpenDataTests: XCTestCase {
    func testTheFootersOpenDataIsAPageForPeopleThatLinksTheDocumentAndTheDownloads() async throws {
        try await withApp(features: [CountingFeature()]) { app in
            // setup
            app.catalogue = app.catalogue.adding(CountingFeature.texts)
            let browser = Browser(app)

            // MUT
            let home = try await browser.get(CorePath.home.path).body.string
            let page = try await browser.get(CorePath.openData.path)

            // validation
            XCTAssertTrue(home.contains("href=\"\(CorePath.openData.path)\""))
            XCTAssertFalse(home.contains("href=\"\(CorePath.api("openapi.json").path)\""), "not the raw document")
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            for link in ["openapi.json", "indicators", "indicators.csv"] {
                XCTAssertTrue(html.contains("href=\"\(CorePath.api(link).path)\""), link)
            }
            XCTAssertTrue(html.contains("handtekeningen"), "the figures, named as on the home page")
            XCTAssertTrue(html.contains("Doel voor 2025"))
            XCTAssertTrue(html.contains("not_on_the_home_page"), "a figure without a name shows its key")
        }
    }

    func testTheIndicatorsDownloadAsACSVForDutchExcel() async throws {
        try await withApp(features: [CountingFeature()]) { app in
            // MUT
            let response = try await Browser(app).get(CorePath.api("indicators.csv").path)

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.contentType?.subType, "csv")
            XCTAssertEqual(response.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let lines = response.body.string.components(separatedBy: "\r\n")
            XCTAssertEqual(lines.first, "\u{FEFF}indicator;value;unit;target;target_year")
            XCTAssertTrue(lines.contains("fund_raised_cents;123,45;euro;100000,00;2025"), "\(lines)")
            XCTAssertTrue(lines.contains("manifesto_signatures;4321;signatures;10000;2025"))
            XCTAssertTrue(lines.contains("not_on_the_home_page;7;things;;"))
        }
    }

    func testTheOpenAPIDocumentDescribesTheDownloadAndTheTargetsYear() async throws {
        try await withApp { app in
            let spec = try await Browser(app).get(CorePath.api("openapi.json").path)
            let document = try JSONDecoder().decode(JSONValue.self, from: spec.body)
            guard case .object(let root) = document, case .object(let paths)? = root["paths"] else { return XCTFail() }
            XCTAssertNotNil(paths["/indicators.csv"])
            // the year is data (the dashboard's editable targets), so the document names the field
            XCTAssertTrue(spec.body.string.contains("\"targetYear\""))
        }
    }
}
