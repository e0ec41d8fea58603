import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 4: a reset ends what an intruder started, an address change is announced
/// to the old address with a way back, and a password can be changed from the account page.
final class AccountTakeoverTests: XCTestCase {
    func testAPasswordResetVoidsAPendingAddressChange() async throws {
        try await withApp { app in
            // setup: an intruder with the password asks to move the account to their address
            _ = try await app.makeUser(email: "priya@example.nl")
            let intruder = Browser(app)
            try await intruder.logIn("priya@example.nl")
            try await intruder.post(CorePath.changeEmail.path, ["email": "indringer@example.nl", "password": "correct horse battery"])

            // MUT: the owner resets her password
            try await ResetPassword(app: app).request(email: "priya@example.nl", ip: "192.0.2.1")
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let reset = try XCTUnwrap(MailSink.link(app: app, to: "priya@example.nl", for: CorePath.resetPassword(.key)))
            try await Browser(app).post(reset, ["password": "een gloednieuw wachtwoord"])

            // validation
            let change = try XCTUnwrap(MailSink.link(app: app, to: "indringer@example.nl", for: CorePath.confirmEmailChange(.key)))
            let confirmed = try await intruder.get(change)
            XCTAssertEqual(confirmed.status, .gone)
            let owner = try await User.find(email: "priya@example.nl", on: app.db)
            XCTAssertNotNil(owner, "the address did not move")
        }
    }

    func testAConfirmedAddressChangeIsAnnouncedToTheOldAddressWhichCanUndoIt() async throws {
        try await withApp { app in
            // setup: the address is changed and confirmed; then the password is reset through it
            let user = try await app.makeUser(email: "priya@example.nl")
            let intruder = try await Intruder.takeOver(app, from: "priya@example.nl")

            // MUT: the notice at the old address, its page, its button
            let notice = try XCTUnwrap(MailSink.messages(app: app, to: "priya@example.nl").last)
            XCTAssertEqual(notice.subject, "Het e-mailadres van je account is gewijzigd")
            XCTAssertTrue(notice.text.contains("indringer@example.nl"))
            let undo = try XCTUnwrap(MailSink.link(app: app, to: "priya@example.nl", for: CorePath.undoEmailChange(.key)))
            let owner = Browser(app)
            let page = try await owner.get(undo)
            XCTAssertEqual(page.status, .ok)
            let stillMoved = try await User.find(user.id, on: app.db)?.email
            XCTAssertEqual(stillMoved, "indringer@example.nl", "opening the link (a mail scanner may) changes nothing")
            let undone = try await owner.post(undo)

            // validation
            XCTAssertEqual(undone.location, CorePath.logIn().path)
            let restored = try await User.find(user.id, on: app.db)?.email
            XCTAssertEqual(restored, "priya@example.nl")
            let intruderPage = try await intruder.get(CorePath.account.path).status
            XCTAssertEqual(intruderPage, .seeOther, "every session has ended")
            let again = try await owner.post(undo).status
            XCTAssertEqual(again, .gone)
        }
    }

    func testTheUndoLinkLastsSevenDays() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "priya@example.nl")
            let browser = Browser(app)
            try await browser.logIn("priya@example.nl")
            try await browser.post(CorePath.changeEmail.path, ["email": "priya@nieuw.nl", "password": "correct horse battery"])
            try await app.deliverMail()
            try await browser.get(try XCTUnwrap(MailSink.link(app: app, to: "priya@nieuw.nl", for: CorePath.confirmEmailChange(.key))))
            try await app.deliverMail()
            let undo = try XCTUnwrap(MailSink.link(app: app, to: "priya@example.nl", for: CorePath.undoEmailChange(.key)))

            // MUT
            app.clock.advance(by: 7 * 86400 + 60)
            let late = try await Browser(app).post(undo)

            // validation
            XCTAssertEqual(late.status, .gone)
            let email = try await User.query(on: app.db).first()?.email
            XCTAssertEqual(email, "priya@nieuw.nl")
        }
    }

    func testChangingThePasswordNeedsTheCurrentOneEndsOtherSessionsAndTellsTheOwner() async throws {
        try await withApp { app in
            // setup: logged in on a phone and a laptop, with an address change pending
            _ = try await app.makeUser(email: "kwame@example.nl")
            let phone = Browser(app)
            try await phone.logIn("kwame@example.nl")
            let laptop = Browser(app)
            try await laptop.logIn("kwame@example.nl")
            try await laptop.post(CorePath.changeEmail.path, ["email": "kwame@nieuw.nl", "password": "correct horse battery"])

            // MUT
            let wrong = try await laptop.post(
                CorePath.changePassword.path, ["current_password": "niet mijn wachtwoord", "password": "een nieuw lang wachtwoord"])
            let short = try await laptop.post(
                CorePath.changePassword.path, ["current_password": "correct horse battery", "password": "kort"])
            let changed = try await laptop.post(
                CorePath.changePassword.path, ["current_password": "correct horse battery", "password": "een nieuw lang wachtwoord"])

            // validation
            XCTAssertEqual(wrong.status, .badRequest)
            XCTAssertTrue(wrong.body.string.contains("Dit is niet je huidige wachtwoord"))
            XCTAssertEqual(short.status, .badRequest)
            XCTAssertTrue(short.body.string.contains("minstens 10 tekens"))
            XCTAssertEqual(changed.location, CorePath.account.path)
            let laptopPage = try await laptop.get(CorePath.account.path).status
            XCTAssertEqual(laptopPage, .ok, "this browser stays signed in")
            let phonePage = try await phone.get(CorePath.account.path).status
            XCTAssertEqual(phonePage, .seeOther, "the other sessions have ended")
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "kwame@example.nl").last?.subject, "Je wachtwoord is gewijzigd")
            let change = try XCTUnwrap(MailSink.link(app: app, to: "kwame@nieuw.nl", for: CorePath.confirmEmailChange(.key)))
            let voided = try await laptop.get(change).status
            XCTAssertEqual(voided, .gone, "pending links are void")
            try await Browser(app).logIn("kwame@example.nl", "een nieuw lang wachtwoord")
        }
    }

    func testGuessingTheCurrentPasswordWithAStolenSessionIsLimited() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "kwame@example.nl")
            let thief = Browser(app)
            try await thief.logIn("kwame@example.nl")

            // MUT: guesses through the change-password and the deletion form alike
            var statuses: [HTTPStatus] = []
            for n in 1...3 {
                statuses.append(
                    try await thief.post(
                        CorePath.changePassword.path, ["current_password": "gok \(n)", "password": "een nieuw lang wachtwoord"]
                    ).status)
            }
            for n in 4...5 { statuses.append(try await thief.post(CorePath.deleteAccount.path, ["password": "gok \(n)"]).status) }
            let sixth = try await thief.post(CorePath.deleteAccount.path, ["password": "correct horse battery"]).status

            // validation
            XCTAssertEqual(statuses, Array(repeating: .badRequest, count: 5))
            XCTAssertEqual(sixth, .tooManyRequests)
            let stillThere = try await User.find(email: "kwame@example.nl", on: app.db)
            XCTAssertNotNil(stillThere)
        }
    }
}
