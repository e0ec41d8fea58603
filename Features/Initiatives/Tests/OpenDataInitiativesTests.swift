import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// `/api/v1/initiatives`: public initiatives only, paginated, filtered, nothing personal; bad
/// parameters are a 400 with a JSON reason; both paths are in the OpenAPI document.
final class OpenDataInitiativesTests: XCTestCase {
    func testTheAPIPagesPublicInitiativesAndRefusesBadParameters() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            for name in ["Alfa", "Bravo", "Charlie"] {
                _ = try await InitiativeForms.approved(app, name: name, organiser: "anna@example.nl")
            }
            let visitor = Browser(app)

            // MUT
            let first = try await visitor.get("/api/v1/initiatives?page=1&per_page=2")
            let second = try await visitor.get("/api/v1/initiatives?page=2&per_page=2")
            let bad = ["page=0", "page=abc", "per_page=101", "per_page=-3", "under_flag=ja", "page="]
            var statuses: [HTTPStatus] = []
            for query in bad { statuses.append(try await visitor.get("/api/v1/initiatives?" + query).status) }
            let badBody = try await visitor.get("/api/v1/initiatives?per_page=500")
            let unknownDomain = try await visitor.get("/api/v1/initiatives?domain=ufo&district=")
            let openAPI = try await visitor.get("/api/v1/openapi.json")

            // validation
            let page1 = try JSONSerialization.jsonObject(with: Data(first.body.readableBytesView)) as! [String: Any]
            let page2 = try JSONSerialization.jsonObject(with: Data(second.body.readableBytesView)) as! [String: Any]
            XCTAssertEqual(page1["total"] as? Int, 3)
            XCTAssertEqual((page1["initiatives"] as? [[String: Any]])?.map { $0["name"] as? String }, ["Alfa", "Bravo"])
            XCTAssertEqual((page2["initiatives"] as? [[String: Any]])?.map { $0["name"] as? String }, ["Charlie"])
            let one = (page1["initiatives"] as! [[String: Any]])[0]
            XCTAssertTrue(one.keys.contains("district") && one["district"] is NSNull, "absent values are null")
            XCTAssertNil(one["contact"], "no contact in open data")
            XCTAssertFalse(first.body.string.contains("anna"), "no organiser")
            XCTAssertEqual(statuses, Array(repeating: .badRequest, count: bad.count))
            XCTAssertTrue(badBody.body.string.contains("per_page"))
            XCTAssertEqual(unknownDomain.status, .ok, "an unknown domain matches nothing")
            XCTAssertTrue(unknownDomain.body.string.contains("\"total\":0"))
            XCTAssertEqual(badBody.headers.contentType?.subType, "json")
            let document = try JSONSerialization.jsonObject(with: Data(openAPI.body.readableBytesView)) as? [String: Any]
            let paths = (document?["paths"] as? [String: Any])?.keys.sorted() ?? []
            XCTAssertTrue(paths.contains("/initiatives") && paths.contains("/initiatives/{slug}"), "\(paths)")
        }
    }
}
