import Fluent
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import KrachtCore

/// Issue #15: anonymous forms (on shared pages) carry no token; the browser's own word
/// (`Sec-Fetch-Site`, else `Origin`) keeps other sites from posting them. With a session the
/// double-submit token is still required.
final class CrossSiteTests: XCTestCase {
    private let form = ["name": "Joris", "email": "joris@example.nl", "password": "een lange zin als wachtwoord"]

    func testAnAnonymousFormFromAnotherSiteIsRefusedAndChangesNothing() async throws {
        try await withApp { app in
            // MUT
            var statuses: [HTTPStatus] = []
            for headers: HTTPHeaders in [
                ["Sec-Fetch-Site": "cross-site"], ["Sec-Fetch-Site": "same-site"], ["Origin": "https://evil.example"],
                ["Origin": "null"], ["Origin": "http://kracht.test:8080"],
                ["Sec-Fetch-Site": "cross-site", "Origin": "http://kracht.test"],
            ] {
                let browser = Browser(app)
                browser.headers = headers
                statuses.append(try await browser.post(CorePath.register.path, form).status)
            }

            // validation
            XCTAssertEqual(statuses, Array(repeating: .forbidden, count: 6))
            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 0)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0)
        }
    }

    func testAnAnonymousFormFromThisSiteNeedsNoToken() async throws {
        try await withApp { app in
            // MUT
            var statuses: [HTTPStatus] = []
            for (n, headers): (Int, HTTPHeaders) in [
                ["Sec-Fetch-Site": "same-origin"], ["Sec-Fetch-Site": "none"], ["Origin": "http://kracht.test"],
                ["Origin": "http://127.0.0.1:8080", "Host": "127.0.0.1:8080"], [:],
            ].enumerated() {
                let browser = Browser(app)
                browser.headers = headers
                var form = form
                form["email"] = "joris\(n)@example.nl"
                statuses.append(try await browser.post(CorePath.register.path, form, csrf: false).status)
            }

            // validation
            XCTAssertEqual(statuses, Array(repeating: .seeOther, count: 5))
            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 5)
        }
    }

    func testASignedInPostWithoutTheTokenIsRefused() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "noa@example.nl")
            let noa = Browser(app)
            try await noa.logIn("noa@example.nl")
            noa.headers = ["Sec-Fetch-Site": "same-origin"]

            // MUT
            let logout = try await noa.post(CorePath.logOut.path, csrf: false)
            let account = try await noa.get(CorePath.account.path)

            // validation
            XCTAssertEqual(logout.status, .forbidden)
            XCTAssertEqual(account.status, .ok, "still signed in")
        }
    }

    func testAnOriginIsComparedByHostAndPort() {
        XCTAssertEqual(CrossOrigin.hostAndPort(ofOrigin: "https://Kracht.test"), "kracht.test")
        XCTAssertEqual(CrossOrigin.hostAndPort(ofOrigin: "https://kracht.test:443"), "kracht.test")
        XCTAssertEqual(CrossOrigin.hostAndPort(ofOrigin: "http://kracht.test:8080"), "kracht.test:8080")
        XCTAssertNil(CrossOrigin.hostAndPort(ofOrigin: "null"))
    }
}
