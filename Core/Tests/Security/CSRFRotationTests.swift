import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 9: a form token planted before login is worthless after it.
final class CSRFRotationTests: XCTestCase {
    func testATokenPlantedBeforeLoginIsRefusedAfterIt() async throws {
        try await withApp { app in
            // setup: someone planted a token they know in the owner's browser
            _ = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.get(CorePath.logIn().path)
            let planted = try XCTUnwrap(browser.cookies["kracht_csrf"])

            // MUT: the owner logs in
            try await browser.logIn("noa@example.nl")

            // validation: a new token; the planted one no longer passes
            let current = try XCTUnwrap(browser.cookies["kracht_csrf"])
            XCTAssertNotEqual(current, planted)
            // The attacker's page posts the planted token; the browser sends its current cookie.
            let withPlanted = try await browser.post(
                CorePath.changeEmail.path, ["email": "indringer@example.nl", "password": "correct horse battery", "_csrf": planted],
                csrf: false)
            XCTAssertEqual(withPlanted.status, .forbidden)
            let withCurrent = try await browser.post(
                CorePath.changeEmail.path, ["email": "noa@nieuw.nl", "password": "correct horse battery"])
            XCTAssertEqual(withCurrent.status, .seeOther, "the owner's own forms keep working")
        }
    }

    func testLogoutRenewsTheToken() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noa@example.nl")
            let signedIn = try XCTUnwrap(browser.cookies["kracht_csrf"])

            // MUT
            try await browser.post(CorePath.logOut.path)

            // validation
            let signedOut = try XCTUnwrap(browser.cookies["kracht_csrf"])
            XCTAssertNotEqual(signedOut, signedIn)
        }
    }
}
