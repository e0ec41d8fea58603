import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Dashboard

/// A feature with one indicator that has a target and one that has none.
private struct Figures: Feature {
    let name = "figures"
    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
    func indicators() -> [Indicator] {
        [
            Indicator(key: "manifesto_signatures", unit: "signatures", headlineOrder: 1) { _ in 4321 },
            Indicator(key: "zz_no_target", unit: "things") { _ in 7 },
        ]
    }
}

final class DataOpenDataTests: XCTestCase {
    let features: [any Feature] = [DashboardFeature(), Figures()]

    func testIndicatorsJSONAndCSVCarryTheEditableTargetsAndTheirYear() async throws {
        try await withApp(features: features) { app in
            // setup: a coordinator sets this year's target (a year newer than the reference's 2025)
            let coordinator = try await app.makeUser(roles: [.coordinator])
            let thisYear = AmsterdamTime.year(of: app.clock.now())
            let outcome = try await SaveTargets(app: app).run(
                year: thisYear, fields: ["doel-manifesto_signatures": "12000"], by: coordinator)
            XCTAssertEqual(outcome, .saved(year: thisYear, changed: 1))
            let browser = Browser(app)

            // MUT
            let json = try await browser.get(CorePath.api("indicators").path)
            let csv = try await browser.get(CorePath.api("indicators.csv").path)

            // validation
            XCTAssertEqual(json.status, .ok)
            let values = try JSONDecoder().decode([IndicatorValue].self, from: json.body)
            let signatures = try XCTUnwrap(values.first { $0.key == "manifesto_signatures" })
            XCTAssertEqual(signatures.target, 12_000)
            XCTAssertEqual(signatures.targetYear, thisYear)
            let other = try XCTUnwrap(values.first { $0.key == "zz_no_target" })
            XCTAssertNil(other.target)
            XCTAssertNil(other.targetYear)
            let lines = csv.body.string.components(separatedBy: "\r\n")
            XCTAssertTrue(lines.contains("manifesto_signatures;4321;signatures;12000;\(thisYear)"), "\(lines)")
            XCTAssertTrue(lines.contains("zz_no_target;7;things;;"), "\(lines)")
        }
    }

    func testTheIndexListsEveryDocumentedDatasetWithItsFormat() async throws {
        try await withApp(features: features) { app in
            let browser = Browser(app)

            // MUT
            let index = try await browser.get(DashboardPath.apiIndex.path)
            let slash = try await browser.get(DashboardPath.apiIndex.path + "/")
            let document = try await browser.get(CorePath.api("openapi.json").path)

            // validation
            XCTAssertEqual(index.status, .ok)
            XCTAssertEqual(slash.status, .ok)
            XCTAssertEqual(index.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let body = try JSONDecoder().decode(DashboardAPI.Index.self, from: index.body)
            let byPath = Dictionary(body.datasets.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(byPath["/api/v1/indicators"]?.format, "json")
            XCTAssertEqual(byPath["/api/v1/indicators.csv"]?.format, "csv")
            XCTAssertEqual(byPath["/api/v1/indicators/{key}/history"]?.parameters, ["key"])
            XCTAssertEqual(byPath["/api/v1/indicators/{key}/history"]?.paged, true)
            XCTAssertEqual(byPath["/api/v1/indicators/{key}/history.csv"]?.format, "csv")
            XCTAssertEqual(byPath["/api/v1/targets"]?.format, "json")
            XCTAssertNil(byPath["/api/v1/"], "the index does not list itself")
            XCTAssertEqual(body.maxPerPage, APIPage.maxPerPage)
            XCTAssertFalse(body.datasets.contains { $0.summary.isEmpty })
            // every documented GET path is in the index, and the part's own paths are documented
            let spec = try JSONDecoder().decode(JSONValue.self, from: document.body)
            guard case .object(let root) = spec, case .object(let paths)? = root["paths"] else { return XCTFail() }
            XCTAssertEqual(Set(paths.keys.filter { $0 != "/" }.map { "/api/v1" + $0 }), Set(byPath.keys))
            for path in ["/", "/indicators/{key}/history", "/indicators/{key}/history.csv", "/targets"] {
                guard case .object(let item)? = paths[path], case .object(let get)? = item["get"],
                    case .object(let responses)? = get["responses"]
                else { return XCTFail("\(path) is not documented") }
                XCTAssertNotNil(responses["200"], path)
            }
        }
    }
}
