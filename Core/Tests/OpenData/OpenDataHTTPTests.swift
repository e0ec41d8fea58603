import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A feature with probe endpoints under /api/v1: each counts the times its handler ran and reads
/// the database, so "answered without the handler" is "answered without the database".
private actor Calls {
    var count = 0
    func bump() { count += 1 }
}

private struct ProbeFeature: Feature {
    let name = "probe"
    let calls = Calls()

    func routes(_ routes: any RoutesBuilder, app: Application) {
        let anyone = routes.access(.anyone)
        anyone.get("api", "v1", "probe") { req async throws -> Response in
            await calls.bump()
            let users = try await User.query(on: req.db).count()
            // public, as every open data endpoint says (so no CSRF cookie is set on it)
            let response = try await ["users": users].encodeResponse(for: req)
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
            return response
        }
        anyone.get("api", "v1", "probe.csv") { req async throws -> Response in
            await calls.bump()
            let response = CSVExport.response(for: req, filename: "probe.csv", header: ["a", "b"]) { write in
                try await write([[.text("één"), .integer(2)]])
            }
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
            return response
        }
        routes.access(.signedIn).get("api", "v1", "probe-private") { req async throws -> Response in
            await calls.bump()
            return try await ["calls": await calls.count].encodeResponse(for: req)
        }
    }
}

final class OpenDataHTTPTests: XCTestCase {
    func testAReadIsOpenToAnySiteWithAStrongETagLastModifiedAndAShortCacheControl() async throws {
        try await withApp(features: [ProbeFeature()]) { app in
            // MUT
            let response = try await Browser(app).get("/api/v1/probe")

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.first(name: "Access-Control-Allow-Origin"), "*")
            XCTAssertTrue(response.headers.first(name: "Access-Control-Expose-Headers")?.contains("ETag") == true)
            let tag = try XCTUnwrap(response.headers.first(name: .eTag))
            XCTAssertTrue(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"), "strong: \(tag)")
            XCTAssertNotNil(response.headers.lastModified)
            XCTAssertEqual(response.headers.first(name: .cacheControl), "public, max-age=5")
        }
    }

    func testARevalidationIsA304ByTagListStarWeakTagOrDate() async throws {
        try await withApp(features: [ProbeFeature()]) { app in
            // setup
            let browser = Browser(app)
            let first = try await browser.get("/api/v1/probe")
            let tag = try XCTUnwrap(first.headers.first(name: .eTag))
            let date = try XCTUnwrap(first.headers.first(name: .lastModified))

            // MUT + validation
            for condition in [tag, "\"other\", \(tag)", "*", "W/\(tag)"] {
                let again = try await browser.get("/api/v1/probe", headers: ["If-None-Match": condition])
                XCTAssertEqual(again.status, .notModified, condition)
                XCTAssertEqual(again.body.readableBytes, 0)
                XCTAssertEqual(again.headers.first(name: .eTag), tag)
            }
            let otherTag = try await browser.get("/api/v1/probe", headers: ["If-None-Match": "\"nope\""])
            XCTAssertEqual(otherTag.status, .ok)
            let byDate = try await browser.get("/api/v1/probe", headers: ["If-Modified-Since": date])
            XCTAssertEqual(byDate.status, .notModified)
            let olderDate = try await browser.get("/api/v1/probe", headers: ["If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"])
            XCTAssertEqual(olderDate.status, .ok)
            // If-None-Match wins over If-Modified-Since
            let both = try await browser.get("/api/v1/probe", headers: ["If-None-Match": "\"nope\"", "If-Modified-Since": date])
            XCTAssertEqual(both.status, .ok)
        }
    }

    func testWithinTheCacheWindowReadsAndRevalidationsDoNotRunTheHandlerNorTouchTheDatabase() async throws {
        let probe = ProbeFeature()
        try await withApp(features: [probe]) { app in
            // setup
            app.openDataCache.maxAge = 60
            let browser = Reader(app)
            let first = try await browser.get("/api/v1/probe")
            let tag = try XCTUnwrap(first.headers.first(name: .eTag))
            let callsAfterFirst = await probe.calls.count

            // MUT
            let revalidated = try await browser.get("/api/v1/probe", headers: ["If-None-Match": tag])
            let reread = try await browser.get("/api/v1/probe")
            let csv1 = try await browser.get("/api/v1/probe.csv")
            let csv2 = try await browser.get("/api/v1/probe.csv", headers: ["If-None-Match": csv1.headers.first(name: .eTag) ?? ""])

            // validation: the handler (the only code here that reads the database) ran once per path
            XCTAssertEqual(callsAfterFirst, 1)
            XCTAssertEqual(revalidated.status, .notModified)
            XCTAssertEqual(reread.status, .ok)
            XCTAssertEqual(reread.body.string, first.body.string)
            XCTAssertEqual(csv1.status, .ok)
            XCTAssertTrue(csv1.body.string.contains("één"))
            XCTAssertNotNil(csv1.headers.first(name: .eTag), "a CSV download gets the same headers")
            XCTAssertEqual(csv1.headers.first(name: "Access-Control-Allow-Origin"), "*")
            XCTAssertEqual(csv2.status, .notModified)
            let calls = await probe.calls.count
            XCTAssertEqual(calls, 2, "one read of the JSON, one of the CSV")

            // and once the window is over, the handler runs again
            app.openDataCache.clear()
            _ = try await browser.get("/api/v1/probe")
            let later = await probe.calls.count
            XCTAssertEqual(later, 3)
        }
    }

    func testNoResponseIsCachedForARouteThatNeedsSigningInOrForAReaderWithACookie() async throws {
        let probe = ProbeFeature()
        try await withApp(features: [probe]) { app in
            // setup
            app.openDataCache.maxAge = 60
            let browser = Browser(app)

            // MUT
            _ = try await browser.get("/api/v1/probe-private")
            _ = try await browser.get("/api/v1/probe-private")
            _ = try await browser.get("/api/v1/probe", headers: ["Cookie": "kracht_lang=en"])
            _ = try await browser.get("/api/v1/probe", headers: ["Cookie": "kracht_lang=en"])

            // validation
            let calls = await probe.calls.count
            XCTAssertEqual(calls, 2, "two uncached reads of the public probe with a cookie; the private one refused")
        }
    }

    func testAPreflightIsAllowedForGET() async throws {
        try await withApp(features: [ProbeFeature()]) { app in
            // MUT
            let response = try await app.sendRequest(
                .OPTIONS, "/api/v1/probe", headers: ["Origin": "https://example.org", "Access-Control-Request-Method": "GET"])

            // validation
            XCTAssertEqual(response.status, .noContent)
            XCTAssertEqual(response.headers.first(name: "Access-Control-Allow-Origin"), "*")
            XCTAssertTrue(response.headers.first(name: "Access-Control-Allow-Methods")?.contains("GET") == true)
        }
    }

    func testAnIfNoneMatchOf10KBIsAClearProblemAndNothingRuns() async throws {
        let probe = ProbeFeature()
        try await withApp(features: [probe]) { app in
            // MUT
            let response = try await Browser(app).get(
                "/api/v1/probe", headers: ["If-None-Match": "\"" + String(repeating: "a", count: 10_240) + "\""])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            let problem = try JSONDecoder().decode(APIProblem.self, from: Data(response.body.readableBytesView))
            XCTAssertTrue(problem.error)
            XCTAssertEqual(problem.status, 400)
            XCTAssertTrue(problem.reason.contains("If-None-Match"), problem.reason)
            XCTAssertEqual(response.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let calls = await probe.calls.count
            XCTAssertEqual(calls, 0)
        }
    }
}

/// A client without cookies (the `Browser` keeps the ones it is given).
private struct Reader {
    let app: Application
    init(_ app: Application) { self.app = app }
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> XCTHTTPResponse {
        try await app.sendRequest(.GET, path, headers: headers)
    }
}
