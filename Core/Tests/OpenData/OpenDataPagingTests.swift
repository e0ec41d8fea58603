import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// `page` and `per_page`: a documented range, a clear 400 naming the parameter, Link headers.
final class OpenDataPagingTests: XCTestCase {
    func testPageAndPerPageOutOfRangeOrMalformedAreRefusedNamingTheParameter() throws {
        let cases: [(String, String)] = [
            ("per_page=1000000000", "per_page"), ("per_page=-1", "per_page"), ("per_page=0", "per_page"),
            ("per_page=101", "per_page"), ("per_page=abc", "per_page"), ("per_page=", "per_page"),
            ("page=0", "page"), ("page=-1", "page"), ("page=abc", "page"), ("page=1e3", "page"),
            ("page=99999999999999999999999", "page"), ("page=%3Cscript%3E", "page"),
        ]
        for (query, parameter) in cases {
            XCTAssertThrowsError(try APIPage(query: query), query) { error in
                let problem = error as? APIProblem
                XCTAssertEqual(problem?.status, 400, query)
                XCTAssertEqual(problem?.parameter, parameter, query)
                XCTAssertTrue(problem?.reason.contains("from 1 to") == true, query)
            }
        }
        XCTAssertThrowsError(try APIPage(query: "page=%zz"), "a malformed query")
    }

    func testGoodValuesAndDefaults() throws {
        XCTAssertEqual(try APIPage(query: nil), APIPage(page: 1, perPage: 50))
        XCTAssertEqual(try APIPage(query: "page=3&per_page=100"), APIPage(page: 3, perPage: 100))
        XCTAssertEqual(try APIPage(query: "other=x", defaultPerPage: 20), APIPage(page: 1, perPage: 20))
        XCTAssertEqual(try APIPage(query: "page=3&per_page=10").range, 20..<30)
    }

    func testALinkHeaderAndTheTotalLeadThroughThePages() async throws {
        try await withApp(features: [ProbePagingFeature()]) { app in
            let browser = Browser(app)
            // MUT
            let first = try await browser.get("/api/v1/probe-pages?per_page=2&x=1")
            let middle = try await browser.get("/api/v1/probe-pages?per_page=2&page=2")
            let last = try await browser.get("/api/v1/probe-pages?per_page=2&page=3")
            let bad = try await browser.get("/api/v1/probe-pages?per_page=1000000000")

            // validation
            XCTAssertEqual(first.headers.first(name: "X-Total-Count"), "5")
            XCTAssertEqual(first.headers.first(name: "Link"), "<http://kracht.test/api/v1/probe-pages?per_page=2&x=1&page=2>; rel=\"next\"")
            XCTAssertEqual(
                middle.headers.first(name: "Link"),
                "<http://kracht.test/api/v1/probe-pages?per_page=2&page=3>; rel=\"next\", <http://kracht.test/api/v1/probe-pages?per_page=2&page=1>; rel=\"prev\""
            )
            XCTAssertEqual(last.headers.first(name: "Link"), "<http://kracht.test/api/v1/probe-pages?per_page=2&page=2>; rel=\"prev\"")
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertEqual(bad.headers.contentType, .json)
            let problem = try JSONDecoder().decode(APIProblem.self, from: Data(bad.body.readableBytesView))
            XCTAssertEqual(problem.parameter, "per_page")
            XCTAssertEqual(problem.reason, "per_page must be a whole number from 1 to 100")
        }
    }

    func testTheDocumentDescribesTheSharedParametersAndTheProblem() async throws {
        try await withApp { app in
            let response = try await Browser(app).get("/api/v1/openapi.json")
            let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let components = try XCTUnwrap(document["components"] as? [String: Any])
            let parameters = try XCTUnwrap(components["parameters"] as? [String: Any])
            let perPage = try XCTUnwrap(parameters["per_page"] as? [String: Any])
            let schema = try XCTUnwrap(perPage["schema"] as? [String: Any])
            let schemas = try XCTUnwrap(components["schemas"] as? [String: Any])
            XCTAssertEqual(schema["maximum"] as? Int, 100)
            XCTAssertEqual(schema["minimum"] as? Int, 1)
            XCTAssertNotNil(schemas["Problem"])
            XCTAssertNotNil(parameters["page"])
        }
    }
}

private struct ProbePagingFeature: Feature {
    let name = "probe-pages"
    func routes(_ routes: any RoutesBuilder, app: Application) {
        routes.access(.anyone).get("api", "v1", "probe-pages") { req async throws -> Response in
            let page = try APIPage(req, defaultPerPage: 2)
            let items = Array(0..<5)
            let slice = Array(items[min(page.offset, 5)..<min(page.offset + page.limit, 5)])
            let response = try await ["items": slice].encodeResponse(for: req)
            page.describe(total: items.count, in: response, for: req)
            return response
        }
    }
}
