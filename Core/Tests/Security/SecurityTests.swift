import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

final class SecurityTests: XCTestCase {
    /// A visitor with a session (signed in, or not yet) must send the form token.
    func testAPostWithASessionButWithoutTheFormTokenIsRefusedAndChangesNothing() async throws {
        try await withApp { app in
            let browser = Browser(app)
            browser.cookies["kracht_session"] = "een-sessie"
            try await browser.get(CorePath.home.path)
            let form = ["name": "Joris", "email": "joris@example.nl", "password": "een lange zin als wachtwoord"]

            let withoutToken = try await browser.post(CorePath.register.path, form, csrf: false)
            XCTAssertEqual(withoutToken.status, .forbidden)
            XCTAssertTrue(withoutToken.body.string.contains("Formulier verlopen"))

            var forged = form
            forged["_csrf"] = "vervalst"
            let withWrongToken = try await browser.post(CorePath.register.path, forged, csrf: false)
            XCTAssertEqual(withWrongToken.status, .forbidden)

            let cookieless = Browser(app)
            cookieless.cookies["kracht_session"] = "een-sessie"
            forged["_csrf"] = browser.cookies["kracht_csrf"]
            let withoutCookie = try await cookieless.post(CorePath.register.path, forged, csrf: false).status
            XCTAssertEqual(withoutCookie, .forbidden)

            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 0)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0)
        }
    }

    func testPagesCarrySecurityHeadersAndLoadNothingFromElsewhere() async throws {
        try await withApp { app in
            for path in ["/", CorePath.logIn().path, CorePath.register.path, CorePath.privacy.path, CorePath.contact.path, "/bestaat-niet"]
            {
                let response = try await Browser(app).get(path)
                let csp = try XCTUnwrap(response.headers.first(name: "Content-Security-Policy"), path)
                XCTAssertTrue(csp.contains("frame-ancestors 'none'"))
                XCTAssertTrue(csp.contains("script-src 'self'"))
                XCTAssertFalse(csp.contains("unsafe-inline"))
                XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff")
                XCTAssertEqual(response.headers.first(name: "Referrer-Policy"), "same-origin")
                XCTAssertEqual(response.headers.first(name: "X-Frame-Options"), "DENY")
                let html = response.body.string
                XCTAssertFalse(html.contains("src=\"http"), "\(path) loads something from elsewhere")
                XCTAssertFalse(html.contains("href=\"//"), path)
                XCTAssertFalse(html.contains("<script>"), "\(path) has inline script")
            }
            let csrfCookie = try await Browser(app).get(CorePath.logIn().path).headers.setCookie?["kracht_csrf"]
            let cookie = try XCTUnwrap(csrfCookie)
            XCTAssertTrue(cookie.isHTTPOnly)
            XCTAssertEqual(cookie.sameSite, .lax)
        }
    }

    func testWrongPasswordsAreRateLimitedPerAccount() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "ayaan@example.nl")
            let browser = Browser(app)
            for attempt in 1...5 {
                let wrong = try await browser.post(
                    CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "fout wachtwoord \(attempt)"])
                XCTAssertEqual(wrong.status, .unauthorized, "attempt \(attempt)")
            }
            let limited = try await browser.post(CorePath.logIn().path, ["email": "ayaan@example.nl", "password": "correct horse battery"])
            XCTAssertEqual(limited.status, .tooManyRequests, "even the right password waits once the limit is reached")
            XCTAssertNotNil(limited.headers.first(name: .retryAfter))
            XCTAssertTrue(limited.body.string.contains("Te veel mislukte pogingen"))

            app.clock.advance(by: 16 * 60)
            try await browser.logIn("ayaan@example.nl")
        }
    }

    func testSignUpsAreRateLimitedPerIP() async throws {
        try await withApp { app in
            let browser = Browser(app)
            for n in 1...10 {
                let ok = try await browser.post(
                    CorePath.register.path,
                    ["name": "Persoon \(n)", "email": "p\(n)@example.nl", "password": "een lange zin als wachtwoord"])
                XCTAssertEqual(ok.status, .seeOther)
            }
            let limited = try await browser.post(
                CorePath.register.path, ["name": "Elf", "email": "p11@example.nl", "password": "een lange zin als wachtwoord"])
            XCTAssertEqual(limited.status, .tooManyRequests)
            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 10)
        }
    }

    func testRepeatedSignUpsForOneAddressDoNotFloodItsInbox() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "doelwit@example.nl")
            for n in 1...6 {
                let response = try await Browser(app).post(
                    CorePath.register.path,
                    ["name": "Iemand \(n)", "email": "doelwit@example.nl", "password": "een lange zin als wachtwoord"])
                XCTAssertEqual(response.location, CorePath.checkMail.path, "the same answer every time")
            }
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 3)
        }
    }

    func testBadInputGetsAClearTranslatedMessageAndStoresNothing() async throws {
        try await withApp { app in
            let browser = Browser(app)
            let cases: [([String: String], String)] = [
                (["name": "", "email": "a@example.nl", "password": "een lange zin als wachtwoord"], "Vul dit veld in."),
                (
                    ["name": String(repeating: "x", count: 10_000), "email": "a@example.nl", "password": "een lange zin als wachtwoord"],
                    "Dit is te lang"
                ),
                (["name": "Ann", "email": "ann @example.nl", "password": "een lange zin als wachtwoord"], "geen geldig e-mailadres"),
                (["name": "Ann", "email": "ann@", "password": "een lange zin als wachtwoord"], "geen geldig e-mailadres"),
                (["name": "Ann", "email": "ann@example.nl", "password": "kort"], "minstens 10 tekens"),
                (
                    ["name": "Ann\u{0007}", "email": "ann@example.nl", "password": "een lange zin als wachtwoord"],
                    "tekens in die we niet kunnen gebruiken"
                ),
            ]
            for (form, message) in cases {
                let response = try await browser.post(CorePath.register.path, form)
                XCTAssertEqual(response.status, .badRequest, message)
                XCTAssertTrue(response.body.string.contains(message), "expected '\(message)'")
            }

            browser.cookies["kracht_lang"] = "en"
            let english = try await browser.post(
                CorePath.register.path, ["name": "Ann", "email": "nope", "password": "een lange zin als wachtwoord"])
            XCTAssertTrue(english.body.string.contains("This is not a valid email address"))

            let token = try XCTUnwrap(browser.cookies["kracht_csrf"])
            var invalidUTF8 = ByteBuffer(string: "_csrf=\(token)&name=")
            invalidUTF8.writeBytes([0xC3, 0x28, 0xFF])
            invalidUTF8.writeString("&email=x%40example.nl&password=\(String(repeating: "a", count: 12))")
            let garbled = try await browser.post(CorePath.register.path, rawBody: invalidUTF8)
            XCTAssertEqual(garbled.status, .badRequest)

            let percentGarbage = ByteBuffer(string: "_csrf=\(token)&name=%C3%28%FF&email=x%40example.nl&password=aaaaaaaaaaaa")
            let badEscapes = try await browser.post(CorePath.register.path, rawBody: percentGarbage).status
            XCTAssertEqual(badEscapes, .badRequest)

            let huge = ByteBuffer(string: "_csrf=\(token)&name=" + String(repeating: "a", count: 2_000_000))
            let tooLarge = try await browser.post(CorePath.register.path, rawBody: huge)
            XCTAssertEqual(tooLarge.status, .payloadTooLarge)
            XCTAssertTrue(tooLarge.body.string.contains("too large"), "in the language the visitor chose")

            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 0)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0)
        }
    }

    func testNamesAreShownEscapedAndReturnPathsStayOnSite() async throws {
        try await withApp { app in
            _ = try await app.makeUser(name: "<script>alert(1)</script>", email: "xss@example.nl")
            let browser = Browser(app)
            try await browser.logIn("xss@example.nl")
            let page = try await browser.get(CorePath.account.path).body.string
            XCTAssertFalse(page.contains("<script>alert(1)</script>"))
            XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

            for hostile in ["//evil.example", "https://evil.example", "/\\evil.example"] {
                let response = try await Browser(app).get("/taal/en?terug=\(Browser.encode(hostile))")
                XCTAssertEqual(response.location, "/", hostile)
            }
        }
    }

    func testStaticFilesAreServedWithoutTraversal() async throws {
        try await withApp { app in
            let css = try await Browser(app).get("/static/kracht.css")
            XCTAssertEqual(css.status, .ok)
            XCTAssertTrue(css.body.string.contains(":root"))
            for path in ["/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/..%2fPackage.swift", "/static/.env"] {
                let response = try await Browser(app).get(path)
                XCTAssertTrue([.notFound, .badRequest, .forbidden].contains(response.status), "\(path): \(response.status)")
                XCTAssertFalse(response.body.string.contains("PackageDescription"), path)
            }
        }
    }
}
