import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 9: a GET changes nothing stored; the language of a person's mail follows
/// them at login and on the account page.
final class MailLanguageTests: XCTestCase {
    func testTheLanguageLinkSetsOnlyTheCookie() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noa@example.nl")

            // MUT
            let switched = try await browser.get("/taal/en?terug=/account")

            // validation
            XCTAssertEqual(switched.location, CorePath.account.path)
            XCTAssertEqual(browser.cookies["kracht_lang"], "en")
            let stored = try await User.find(user.id, on: app.db)?.language
            XCTAssertEqual(stored, "nl")
        }
    }

    func testLoggingInStoresTheLanguageInUse() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.get(CorePath.language(.value("en")).path)

            // MUT
            try await browser.logIn("noa@example.nl")

            // validation
            let stored = try await User.find(user.id, on: app.db)?.language
            XCTAssertEqual(stored, "en")
        }
    }

    func testTheAccountPageSetsTheLanguageOfMail() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noa@example.nl")
            let page = try await browser.get(CorePath.account.path).body.string
            XCTAssertTrue(page.contains("action=\"/account/taal\""))

            // MUT
            let saved = try await browser.post(CorePath.changeLanguage.path, ["language": "en"])
            let bogus = try await browser.post(CorePath.changeLanguage.path, ["language": "xx"])

            // validation
            XCTAssertEqual(saved.location, CorePath.account.path)
            XCTAssertEqual(bogus.status, .badRequest)
            let stored = try await User.find(user.id, on: app.db)?.language
            XCTAssertEqual(stored, "en")
            XCTAssertEqual(browser.cookies["kracht_lang"], "en")
        }
    }
}
