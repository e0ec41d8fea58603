import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7: bcrypt reads 72 bytes, common passwords are guessed first, and an address is no secret.
final class PasswordRulesTests: XCTestCase {
    private func problem(_ password: String, email: String? = "fatima@example.nl", in app: Application) -> String? {
        var errors = FormErrors()
        _ = AccountRules.checkPassword(password, email: email, &errors) { app.catalogue.text($0, in: .nl) }
        return errors.fields["password"]
    }

    func testPasswordsOver72BytesAreRefusedSayingTheLimit() async throws {
        try await withApp { app in
            // setup: 72 bytes is the most bcrypt reads; é is two bytes, 🌷 four
            let longest = String(repeating: "a", count: 72)

            // MUT + validation
            XCTAssertNil(problem(longest, in: app))
            let message = "Je wachtwoord mag maximaal 72 tekens hebben (letters met accenten en emoji tellen voor twee tot vier)."
            XCTAssertEqual(problem(longest + "b", in: app), message)
            XCTAssertEqual(problem(String(repeating: "é", count: 37), in: app), message, "37 characters, 74 bytes")
            XCTAssertEqual(problem(String(repeating: "🌷", count: 19), in: app), message)
        }
    }

    func testCommonPasswordsAndTheEmailAddressAreRefused() async throws {
        try await withApp { app in
            // MUT + validation
            let common = "Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden en is makkelijk te raden. Kies een ander."
            XCTAssertEqual(problem("1234567890", in: app), common)
            XCTAssertEqual(problem("QwertyUIOP", in: app), common, "case does not help")
            XCTAssertEqual(problem("basketball", in: app), common)
            XCTAssertEqual(problem("Fatima@Example.nl", in: app), "Je wachtwoord mag niet je e-mailadres zijn.")
            XCTAssertNil(problem("Fatima@Example.nl", email: nil, in: app))
            XCTAssertNil(problem("een lange zin als wachtwoord", in: app))
            XCTAssertEqual(problem("kort", in: app), "Je wachtwoord moet minstens 10 tekens hebben.")
        }
    }

    func testRegisteringWithACommonPasswordIsRefusedInEnglishToo() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en")

            // MUT
            let response = try await browser.post(
                CorePath.register.path, ["name": "Sam", "email": "sam@example.nl", "password": "qwertyuiop"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("This password is on the list of commonly used passwords"))
            let users = try await User.query(on: app.db).count()
            XCTAssertEqual(users, 0)
        }
    }

    func testAnExistingLongPasswordStillLogsInAndDeletesTheAccount() async throws {
        try await withApp { app in
            // setup: an account whose password was set before the 72-byte rule
            let old = String(repeating: "oud wachtwoord ", count: 8)  // 120 characters
            _ = try await app.makeUser(email: "oud@example.nl", password: old)
            let browser = Browser(app)

            // MUT
            try await browser.logIn("oud@example.nl", old)
            let deleted = try await browser.post(CorePath.deleteAccount.path, ["password": old])

            // validation
            XCTAssertEqual(deleted.status, .seeOther)
            let users = try await User.query(on: app.db).count()
            XCTAssertEqual(users, 0)
        }
    }
}
