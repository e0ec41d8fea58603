import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7: a megabyte of repeated fields kept a core busy for minutes in Vapor's form decoder.
final class HostileFormTests: XCTestCase {
    func testAMegabyteOfRepeatedFieldsToTheLoginIsRefusedQuicklyAndLogsNobodyIn() async throws {
        try await withApp { app in
            // setup: a real account, and a visitor holding the CSRF cookie, whose post carries
            // the right token and the right password before 1 MB of `x[]=1&`
            _ = try await app.makeUser(email: "fatima@example.nl", password: "een lange zin als wachtwoord")
            let browser = Browser(app)
            try await browser.get(CorePath.logIn().path)
            let token = try XCTUnwrap(browser.cookies["kracht_csrf"])
            var body = "_csrf=\(Browser.encode(token))&email=fatima%40example.nl&password=een+lange+zin+als+wachtwoord&"
            body += String(repeating: "x[]=1&", count: (1_000_000 - body.utf8.count) / 6)

            // MUT
            let start = Date()
            let response = try await browser.post(CorePath.logIn().path, rawBody: ByteBuffer(string: body))
            let seconds = Date().timeIntervalSince(start)

            // validation: a clear 400 page, at once (the old decoder took 14 s for 40,000 fields), no login
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("We konden je verzoek niet lezen"))
            XCTAssertLessThan(seconds, 2)
            XCTAssertNil(browser.cookies["kracht_session"])
            let account = try await browser.get(CorePath.account.path)
            XCTAssertEqual(account.status, .seeOther, "still logged out")
        }
    }

    func testAnOrdinaryLoginStillWorksThroughTheSameDecoder() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "daan@example.nl", password: "nog een lange zin")
            let browser = Browser(app)

            // MUT
            let response = try await browser.post(CorePath.logIn().path, ["email": "Daan@Example.nl", "password": "nog een lange zin"])

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let account = try await browser.get(CorePath.account.path)
            XCTAssertEqual(account.status, .ok)
        }
    }

    func testAFormThatIsNotURLEncodedOrNotUTF8IsABadRequest() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)
            try await browser.get(CorePath.logIn().path)
            let token = try XCTUnwrap(browser.cookies["kracht_csrf"])

            // MUT
            var invalid = ByteBuffer(string: "_csrf=\(Browser.encode(token))&email=")
            invalid.writeBytes([0xFF, 0xFE])
            let notUTF8 = try await browser.post(CorePath.register.path, rawBody: invalid)
            let badEscape = try await browser.post(
                CorePath.register.path, rawBody: ByteBuffer(string: "_csrf=\(Browser.encode(token))&name=%zz"))

            // validation
            XCTAssertEqual(notUTF8.status, .badRequest)
            XCTAssertEqual(badEscape.status, .badRequest)
            let users = try await User.query(on: app.db).count()
            XCTAssertEqual(users, 0)
        }
    }
}
