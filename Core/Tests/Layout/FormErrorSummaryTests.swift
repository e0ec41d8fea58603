import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #8, item 2: after a refused form the page says "Fout:" in its title, lands on a summary
/// at the top of the form that links to each field, and each message says its limit.
final class FormErrorSummaryTests: XCTestCase {
    func testRegisterWithATooLongNameAndABadAddress() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)
            try await browser.get(CorePath.register.path)

            // MUT
            let response = try await browser.post(
                CorePath.register.path, ["name": String(repeating: "a", count: 101), "email": "geen-adres", "password": "kort"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(
                title: "Account maken",
                links: [("name", "maximaal 100 tekens"), ("email", "geen geldig e-mailadres"), ("password", "minstens 10 tekens")])
            let html = response.body.string
            XCTAssertTrue(html.contains(#"action="/account/registreren#fouten""#))
            XCTAssertLessThan(
                try XCTUnwrap(html.range(of: "#name\"")?.lowerBound), try XCTUnwrap(html.range(of: "#email\"")?.lowerBound),
                "the summary follows the form's order")
            XCTAssertTrue(html.contains(#"<span class="error-summary-label">Naam</span>: "#), "each line names its field")
        }
    }

    func testLoginWithAWrongPasswordInEnglish() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "amal@example.nl")
            let browser = Browser(app)
            browser.cookies[Language.cookieName] = "en"

            // MUT
            let response = try await browser.post(CorePath.logIn().path, ["email": "amal@example.nl", "password": "niet dit"])

            // validation
            XCTAssertEqual(response.status, .unauthorized)
            response.assertFormErrors(title: "Log in", links: [("email", "do not match")], language: "en")
        }
    }

    func testForgotPasswordWithoutAnAddressIsShownNotSent() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)

            // MUT
            let response = try await browser.post(CorePath.forgotPassword.path, ["email": "niet-een-adres"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(title: "Wachtwoord vergeten", links: [("email", "geen geldig e-mailadres")])
            let jobs = try await Job.query(on: app.db).count()
            XCTAssertEqual(jobs, 0, "nothing is sent")
        }
    }

    func testResetWithATooShortPassword() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "mehmet@example.nl")
            let browser = Browser(app)
            try await browser.post(CorePath.forgotPassword.path, ["email": "mehmet@example.nl"])
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let link = try XCTUnwrap(MailSink.link(app: app, to: "mehmet@example.nl", for: CorePath.resetPassword(.key)))

            // MUT
            let response = try await browser.post(link, ["password": "kort"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(title: "Nieuw wachtwoord kiezen", links: [("password", "minstens 10 tekens")])
        }
    }

    func testEachFormOnTheAccountPageShowsItsOwnSummary() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "sanne@example.nl")
            let browser = Browser(app)
            try await browser.logIn("sanne@example.nl")
            let title = "Mijn account"

            // MUT and validation: one refused post per form
            let name = try await browser.post(CorePath.changeName.path, ["name": String(repeating: "n", count: 101)])
            name.assertFormErrors(title: title, links: [("new-name", "maximaal 100 tekens")])
            XCTAssertTrue(name.body.string.contains(String(repeating: "n", count: 101)), "what was typed stays, to shorten it")

            let email = try await browser.post(CorePath.changeEmail.path, ["email": "sanne@example", "password": "fout"])
            email.assertFormErrors(title: title, links: [("new-email", "geen geldig e-mailadres"), ("email-password", "niet je huidige")])

            let password = try await browser.post(
                CorePath.changePassword.path, ["current_password": "correct horse battery", "password": "kort"])
            password.assertFormErrors(title: title, links: [("new-password", "minstens 10 tekens")])

            let language = try await browser.post(CorePath.changeLanguage.path, ["language": "xx"])
            XCTAssertEqual(language.status, .badRequest)
            language.assertFormErrors(title: title, links: [("mail-language", "Kies een van de talen")])

            let delete = try await browser.post(CorePath.deleteAccount.path, ["password": "fout"])
            delete.assertFormErrors(title: title, links: [("delete-password", "klopt niet")])
            XCTAssertEqual(
                delete.body.string.components(separatedBy: "error-summary-title").count, 3, "one summary, at the form that was sent")
        }
    }

    func testTheRolesPageSaysWhatWentWrong() async throws {
        try await withApp { app in
            // setup
            let admin = try await app.makeUser(email: "beheer@example.nl", roles: [.admin])
            let browser = Browser(app)
            try await browser.logIn("beheer@example.nl")

            // MUT: an admin cannot take away their own admin role
            let response = try await browser.post(
                CorePath.adminRoles().path, ["user_id": try admin.requireID().uuidString, "role": "admin", "grant": "0"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(title: "Rollen beheren", links: [], summary: app.catalogue.text("admin.roles.own_admin", in: .nl))
        }
    }

    func testAPageWithoutErrorsHasNoSummaryAndAPlainTitle() async throws {
        try await withApp { app in
            let page = try await Browser(app).get(CorePath.register.path)
            XCTAssertFalse(page.body.string.contains("error-summary"))
            XCTAssertTrue(page.body.string.contains("<title>Account maken · "))
        }
    }
}
