import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// One-line fields refuse what could add a line to a mail or reorder the text around them.
final class TextFieldTests: XCTestCase {
    func testOneLineFieldsRefuseControlLineAndBidiCharacters() {
        // setup
        let refused = [
            "Jan\nBcc: x", "Jan\rJansen", "Jan\tJansen", "a\u{0}b", "a\u{1B}b", "a\u{7F}b", "a\u{85}b", "a\u{9F}b",
            "a\u{2028}b", "a\u{2029}b", "a\u{202E}b", "a\u{202A}b", "a\u{2066}b", "a\u{2069}b",
        ]

        // MUT + validation
        for text in refused {
            XCTAssertEqual(TextField.check(text, maxLength: 100).1, .invalidCharacters, text.debugDescription)
        }
        XCTAssertNil(TextField.check("Fatima El Amrani-de Vries", maxLength: 100).1)
        XCTAssertNil(TextField.check("Zoë Ça ğ 東京 🌷 \u{200F}", maxLength: 100).1, "letters of every script, a plain RLM")
        XCTAssertEqual(TextField.check("  Jan \n", maxLength: 100).0, "Jan", "surrounding whitespace is trimmed")
    }

    func testMultiLineFieldsAllowNewlinesAndTabsOnly() {
        // MUT
        let (text, problem) = TextField.check("Eerste regel\r\nTweede\tregel", maxLength: 100, singleLine: false)

        // validation
        XCTAssertNil(problem)
        XCTAssertEqual(text, "Eerste regel\nTweede\tregel")
        XCTAssertEqual(TextField.check("a\u{0}b", maxLength: 100, singleLine: false).1, .invalidCharacters)
        XCTAssertEqual(TextField.check("a\u{202E}b", maxLength: 100, singleLine: false).1, .invalidCharacters)
    }

    func testTooLongSaysTheLimit() async throws {
        try await withApp { app in
            // setup
            let t = { app.catalogue.text($0, in: .nl) }
            let tEN = { app.catalogue.text($0, in: .en) }

            // MUT
            var errors = FormErrors()
            _ = AccountRules.checkName(String(repeating: "a", count: 101), &errors, t)

            // validation
            XCTAssertEqual(errors.fields["name"], "Dit is te lang: maximaal 100 tekens.")
            XCTAssertEqual(TextField.message(for: .tooLong, maxLength: 200, tEN), "This is too long: at most 200 characters.")
        }
    }

    func testRegisteringWithANewlineInTheNameIsRefusedAndStoresNothing() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)

            // MUT
            let response = try await browser.post(
                CorePath.register.path,
                ["name": "Jan\nBcc: iedereen@example.nl", "email": "jan@example.nl", "password": "een lange zin als wachtwoord"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("Hier staan tekens in die we niet kunnen gebruiken."))
            let users = try await User.query(on: app.db).count()
            XCTAssertEqual(users, 0)
            let mailed = try await app.deliverMail()
            XCTAssertEqual(mailed, 0)
        }
    }

    func testEmailAddressesRefuseTheSameCharacters() {
        XCTAssertTrue(EmailAddress.isValid("fatima@example.nl"))
        XCTAssertFalse(EmailAddress.isValid("fatima\u{85}@example.nl"))
        XCTAssertFalse(EmailAddress.isValid("fatima\u{202E}@example.nl"))
        XCTAssertFalse(EmailAddress.isValid("fatima@exam\u{2028}ple.nl"))
    }
}
