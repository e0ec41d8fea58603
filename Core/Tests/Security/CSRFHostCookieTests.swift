import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Review of issue #7, finding 6: on HTTPS the form token's cookie is `__Host-kracht_csrf`, which
/// a sibling domain cannot set, so a token it plants under the plain name is worthless.
final class CSRFHostCookieTests: XCTestCase {
    func testOnHTTPSTheCookieIsHostOnlyAndAPlantedPlainCookieIsRefused() async throws {
        try await withHTTPSApp { app in
            // setup
            _ = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)

            // MUT: a sibling domain plants its own token under the plain name
            let page = try await browser.get(CorePath.logIn().path)
            browser.cookies["kracht_csrf"] = "geplant"
            // The token counts for a visitor with a session (an anonymous one need not send one).
            browser.cookies["kracht_session"] = "een-sessie"
            let planted = try await browser.post(
                CorePath.logIn().path, ["email": "noa@example.nl", "password": "correct horse battery", "_csrf": "geplant"],
                csrf: false)
            let genuine = try await browser.post(CorePath.logIn().path, ["email": "noa@example.nl", "password": "correct horse battery"])

            // validation
            let cookie = try XCTUnwrap(page.headers.setCookie?["__Host-kracht_csrf"])
            XCTAssertNil(page.headers.setCookie?["kracht_csrf"])
            XCTAssertTrue(cookie.isSecure)
            XCTAssertEqual(cookie.path, "/")
            XCTAssertNil(cookie.domain)
            XCTAssertTrue(cookie.isHTTPOnly)
            XCTAssertEqual(planted.status, .forbidden, "a token planted under the plain name does not count")
            XCTAssertEqual(genuine.status, .seeOther, "Browser finds the token under the host-only name")
        }
    }

    func testOnPlainHTTPTheCookieKeepsItsName() async throws {
        try await withApp { app in
            // MUT
            let page = try await Browser(app).get(CorePath.logIn().path)

            // validation
            XCTAssertNotNil(page.headers.setCookie?["kracht_csrf"])
            XCTAssertNil(page.headers.setCookie?["__Host-kracht_csrf"])
        }
    }

    /// The same site served over HTTPS: a second instance on the test's database.
    private func withHTTPSApp(_ body: (Application) async throws -> Void) async throws {
        try await withApp { plain in
            var config = plain.config
            config.baseURL = "https://kracht.test"
            let app = try await Application.make(.testing)
            do {
                try await configureKracht(app, config: config, features: [])
                try await body(app)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}
