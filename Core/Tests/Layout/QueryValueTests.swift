import KrachtCore
import KrachtTesting
import NIOCore
import Vapor
import XCTVapor
import XCTest

/// Review of issue #7, finding 1: query strings go through the same linear, capped parser as
/// forms; Vapor's `req.query` reparsed the whole query on every read, quadratic in repeated names.
final class QueryValueTests: XCTestCase {
    func request(_ app: Application, _ url: String) -> Request {
        Request(application: app, method: .GET, url: URI(string: url), on: app.eventLoopGroup.next())
    }

    func testTheHelperReadsNamesValuesAndNumbers() async throws {
        try await withApp { app in
            // setup
            let req = request(app, "/beheer/rollen?zoek=van+der+Berg&pagina=3&terug=%2Faccount%3Fa%3Db&leeg=")

            // MUT & validation
            XCTAssertEqual(req.queryValue("zoek"), "van der Berg")
            XCTAssertEqual(req.queryInt("pagina"), 3)
            XCTAssertEqual(req.queryValue("terug"), "/account?a=b")
            XCTAssertEqual(req.queryValue("leeg"), "")
            XCTAssertNil(req.queryValue("ontbreekt"))
            XCTAssertNil(request(app, "/beheer/rollen?pagina=drie").queryInt("pagina"))
            XCTAssertNil(request(app, "/beheer/rollen").queryValue("zoek"))
        }
    }

    func testAnEightyKilobyteQueryIsOverTheCapsAndReadsAsAbsentAtOnce() async throws {
        try await withApp { app in
            // setup: the longest URL NIO lets through, ~20,000 repeated fields before the one we read
            let req = request(app, "/?" + String(repeating: "x=1&", count: 20_000) + "terug=%2Fmanifest")

            // MUT
            let start = Date()
            let value = req.queryValue("terug")
            let seconds = Date().timeIntervalSince(start)

            // validation: the parser stops at its field cap, so the page shows its default
            XCTAssertNil(value)
            XCTAssertLessThan(seconds, 0.1)
        }
    }

    func testTheLanguageSwitchIgnoresAnOversizedReturnPath() async throws {
        try await withApp { app in
            // MUT
            let switchPath = CorePath.language(.value("en")).path
            let normal = try await Browser(app).get(switchPath + "?terug=" + Browser.encode(CorePath.privacy.path))
            let hostile = try await Browser(app).get(
                switchPath + "?" + String(repeating: "x=1&", count: 20_000) + "terug=" + Browser.encode(CorePath.privacy.path))

            // validation
            XCTAssertEqual(normal.location, CorePath.privacy.path)
            XCTAssertEqual(hostile.location, CorePath.home.path, "a query over the caps reads as absent")
        }
    }
}
