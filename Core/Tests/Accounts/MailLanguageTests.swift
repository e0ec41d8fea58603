import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 9: a GET changes nothing stored; the language of a person's mail is chosen
/// on the account page (and at registration), and logging in leaves it alone (review, finding 11).
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

    func testLoggingInKeepsTheLanguageChosenOnTheAccountPage() async throws {
        try await withApp { app in
            // setup: mail in English, chosen on the account page; then the site in Dutch on a phone
            let user = try await app.makeUser(email: "noa@example.nl")
            let laptop = Browser(app)
            try await laptop.logIn("noa@example.nl")
            try await laptop.post(CorePath.changeLanguage.path, ["language": "en"])
            let phone = Browser(app)
            try await phone.get(CorePath.language(.value("nl")).path)

            // MUT
            try await phone.logIn("noa@example.nl")

            // validation
            let stored = try await User.find(user.id, on: app.db)?.language
            XCTAssertEqual(stored, "en", "logging in does not overwrite the chosen language of mail")
        }
    }

    func testTheAccountPageSetsTheLanguageOfMail() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noa@example.nl")
            let page = try await browser.get(CorePath.account.path).body.string
            XCTAssertTrue(page.contains("action=\"/account/taal#fouten\""))

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
