import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Review of issue #7, findings 5 and 7: undoing a stolen address change also shuts out the
/// password set through it, moving an account needs its password, and a reset cannot make the
/// address the password.
final class TakeoverUndoTests: XCTestCase {
    func testUndoingTheAddressChangeShutsOutThePasswordTheIntruderSetAndMailsTheOwnerAReset() async throws {
        try await withApp { app in
            // setup: an intruder moves the account to their address and sets a password through it
            let user = try await app.makeUser(email: "priya@example.nl")
            _ = try await Intruder.takeOver(app, from: "priya@example.nl")
            let undo = try XCTUnwrap(MailSink.link(app: app, to: "priya@example.nl", for: CorePath.undoEmailChange(.key)))

            // MUT: the owner undoes the change
            let undone = try await Browser(app).post(undo)

            // validation
            XCTAssertEqual(undone.location, CorePath.logIn().path)
            let intruderAgain = try await Browser(app).post(
                CorePath.logIn().path, ["email": "priya@example.nl", "password": "het wachtwoord van de indringer"])
            XCTAssertEqual(intruderAgain.status, .unauthorized, "the password set through the stolen address no longer works")
            // The owner chooses a new password through the link sent to her restored address.
            try await app.deliverMail()
            let reset = try XCTUnwrap(MailSink.link(app: app, to: "priya@example.nl", for: CorePath.resetPassword(.key)))
            let chosen = try await Browser(app).post(reset, ["password": "mijn eigen nieuwe wachtwoord"])
            XCTAssertEqual(chosen.location, CorePath.logIn().path)
            try await Browser(app).logIn("priya@example.nl", "mijn eigen nieuwe wachtwoord")
            let email = try await User.find(user.id, on: app.db)?.email
            XCTAssertEqual(email, "priya@example.nl")
        }
    }

    func testChangingTheAddressNeedsTheCurrentPassword() async throws {
        try await withApp { app in
            // setup: someone with a stolen session
            _ = try await app.makeUser(email: "kwame@example.nl")
            let thief = Browser(app)
            try await thief.logIn("kwame@example.nl")
            let page = try await thief.get(CorePath.account.path).body.string
            XCTAssertTrue(page.contains("id=\"email-password\""), "the form asks for the password")

            // MUT
            let without = try await thief.post(CorePath.changeEmail.path, ["email": "dief@example.nl"])
            let wrong = try await thief.post(CorePath.changeEmail.path, ["email": "dief@example.nl", "password": "een gok"])

            // validation
            XCTAssertEqual(without.status, .badRequest)
            XCTAssertEqual(wrong.status, .badRequest)
            XCTAssertTrue(wrong.body.string.contains("Dit is niet je huidige wachtwoord"))
            try await app.deliverMail()
            XCTAssertTrue(try MailSink.messages(app: app, to: "dief@example.nl").isEmpty, "no link to the thief's address")
        }
    }

    func testGuessesOnTheAddressFormCountWithThoseOnThePasswordForm() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "kwame@example.nl")
            let thief = Browser(app)
            try await thief.logIn("kwame@example.nl")

            // MUT: three guesses through the address form, two through the password form
            var statuses: [HTTPStatus] = []
            for n in 1...3 {
                statuses.append(
                    try await thief.post(CorePath.changeEmail.path, ["email": "dief@example.nl", "password": "gok \(n)"]).status)
            }
            for n in 4...5 {
                let form = ["current_password": "gok \(n)", "password": "een nieuw lang wachtwoord"]
                statuses.append(try await thief.post(CorePath.changePassword.path, form).status)
            }
            let sixth = try await thief.post(CorePath.changeEmail.path, ["email": "dief@example.nl", "password": "correct horse battery"])

            // validation
            XCTAssertEqual(statuses, Array(repeating: .badRequest, count: 5))
            XCTAssertEqual(sixth.status, .tooManyRequests)
            XCTAssertTrue(sixth.body.string.contains("Te veel pogingen"))
        }
    }

    func testAResetCannotMakeTheAddressThePassword() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "mehmet.yilmaz@example.nl")
            try await ResetPassword(app: app).request(email: "mehmet.yilmaz@example.nl", ip: "192.0.2.1")
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let reset = try XCTUnwrap(MailSink.link(app: app, to: "mehmet.yilmaz@example.nl", for: CorePath.resetPassword(.key)))

            // MUT
            let refused = try await Browser(app).post(reset, ["password": "Mehmet.Yilmaz@example.nl"])

            // validation
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("Je wachtwoord mag niet je e-mailadres zijn."))
            let stillOld = try await LogIn(app: app).run(
                email: "mehmet.yilmaz@example.nl", password: "correct horse battery", ip: "192.0.2.2")
            guard case .loggedIn = stillOld else { return XCTFail("the password changed: \(stillOld)") }
        }
    }
}
