import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

final class AccountJourneyTests: XCTestCase {
    func testRegisterConfirmByMailLogInAndOut() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)

            // MUT: register, follow the link from the mail that went out, log in, log out
            let registered = try await browser.post(
                CorePath.register.path,
                ["name": "Fatima El Amrani", "email": "Fatima@Example.nl", "password": "een lange zin als wachtwoord"])
            XCTAssertEqual(registered.status, .seeOther)
            XCTAssertEqual(registered.location, CorePath.checkMail.path)
            let delivered = try await app.deliverMail()
            XCTAssertEqual(delivered, 1)
            let mail = try XCTUnwrap(MailSink.messages(app: app, to: "fatima@example.nl").last)
            XCTAssertEqual(mail.subject, "Bevestig je e-mailadres")
            XCTAssertTrue(mail.html.contains("<a href=\"http://kracht.test/account/bevestigen/"))
            XCTAssertTrue(mail.raw.contains("multipart/alternative"))

            let unconfirmed = try await browser.post(
                CorePath.logIn().path, ["email": "fatima@example.nl", "password": "een lange zin als wachtwoord"])
            XCTAssertEqual(unconfirmed.status, .forbidden)
            XCTAssertTrue(unconfirmed.body.string.contains("Bevestig eerst je e-mailadres"))

            let link = try XCTUnwrap(MailSink.link(app: app, to: "fatima@example.nl", for: CorePath.confirmEmail(.key)))
            let confirmed = try await browser.get(link)
            XCTAssertEqual(confirmed.location, CorePath.logIn().path)

            try await browser.logIn("fatima@example.nl", "een lange zin als wachtwoord")
            let account = try await browser.get(CorePath.account.path)
            XCTAssertEqual(account.status, .ok)
            XCTAssertTrue(account.body.string.contains("Fatima El Amrani"))

            let loggedOut = try await browser.post(CorePath.logOut.path)
            XCTAssertEqual(loggedOut.location, "/")

            // validation
            let afterLogout = try await browser.get(CorePath.account.path)
            XCTAssertEqual(afterLogout.status, .seeOther)
            XCTAssertEqual(afterLogout.location, "/account/inloggen?terug=%2Faccount")
        }
    }

    func testConfirmationLinkCannotBeReusedOrUsedAfterExpiry() async throws {
        try await withApp { app in
            let browser = Browser(app)
            try await browser.post(CorePath.register.path, ["name": "Daan", "email": "daan@example.nl", "password": "nog een lange zin"])
            try await browser.post(CorePath.register.path, ["name": "Sanne", "email": "sanne@example.nl", "password": "nog een lange zin"])
            try await app.deliverMail()
            let daan = try XCTUnwrap(MailSink.link(app: app, to: "daan@example.nl", for: CorePath.confirmEmail(.key)))
            let sanne = try XCTUnwrap(MailSink.link(app: app, to: "sanne@example.nl", for: CorePath.confirmEmail(.key)))

            let firstUse = try await browser.get(daan).status
            XCTAssertEqual(firstUse, .seeOther)
            let reused = try await browser.get(daan)
            XCTAssertEqual(reused.status, .gone)
            XCTAssertTrue(reused.body.string.contains("Deze link is al gebruikt."))

            app.clock.advance(by: 49 * 3600)
            let expired = try await browser.get(sanne)
            XCTAssertEqual(expired.status, .gone)
            XCTAssertTrue(expired.body.string.contains("Deze link is verlopen."))
            let stillUnconfirmed = try await User.find(email: "sanne@example.nl", on: app.db)
            XCTAssertNil(stillUnconfirmed?.emailConfirmedAt)

            let unknown = try await browser.get("/account/bevestigen/niet-echt")
            XCTAssertEqual(unknown.status, .badRequest)
        }
    }

    func testRegisteringAnExistingAddressRevealsNothingAndMailsTheOwner() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "noa@example.nl")
            let browser = Browser(app)
            let response = try await browser.post(
                CorePath.register.path, ["name": "Iemand", "email": "NOA@example.nl", "password": "een ander wachtwoord"])
            XCTAssertEqual(response.location, CorePath.checkMail.path)
            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 1)
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "noa@example.nl").last?.subject, "Je hebt al een account")
        }
    }

    func testForgottenPasswordResetsThroughTheMailedLink() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "mehmet@example.nl")
            let browser = Browser(app)
            let asked = try await browser.post(CorePath.forgotPassword.path, ["email": "mehmet@example.nl"])
            XCTAssertEqual(asked.location, CorePath.logIn().path)
            let unknownAddress = try await browser.post(CorePath.forgotPassword.path, ["email": "niemand@example.nl"])
            XCTAssertEqual(unknownAddress.location, CorePath.logIn().path, "same answer, so accounts cannot be discovered")
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let link = try XCTUnwrap(MailSink.link(app: app, to: "mehmet@example.nl", for: CorePath.resetPassword(.key)))

            let form = try await browser.get(link)
            XCTAssertTrue(form.body.string.contains("Nieuw wachtwoord"))
            let tooShort = try await browser.post(link, ["password": "kort"])
            XCTAssertEqual(tooShort.status, .badRequest)
            XCTAssertTrue(tooShort.body.string.contains("minstens 10 tekens"))

            let reset = try await browser.post(link, ["password": "een gloednieuw wachtwoord"]).location
            XCTAssertEqual(reset, CorePath.logIn().path)
            let reused = try await browser.post(link, ["password": "nog een keer proberen"])
            XCTAssertEqual(reused.status, .gone)
            let reopened = try await browser.get(link)
            XCTAssertEqual(reopened.status, .gone, "a used link says so on opening")
            try await browser.logIn("mehmet@example.nl", "een gloednieuw wachtwoord")
        }
    }

    func testAResetLinkSentTwiceAtOnceWorksOnce() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "mehmet@example.nl")
            _ = try await ResetPassword(app: app).request(email: "mehmet@example.nl", ip: "10.1.1.1")
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let link = try XCTUnwrap(MailSink.link(app: app, to: "mehmet@example.nl", for: CorePath.resetPassword(.key)))
            let secret = String(link.split(separator: "/").last!)

            // MUT: eight submissions of the same link at the same moment, each with its own password
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<8 {
                    group.addTask {
                        let outcome = try await ResetPassword(app: app).complete(
                            token: secret, password: "nieuw wachtwoord \(n)", language: .nl)
                        if case .reset = outcome { return true }
                        return false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }

            // validation
            XCTAssertEqual(outcomes.filter { $0 }.count, 1, "one password set; the others are told the link was used")
        }
    }

    func testChangingEmailTakesEffectOnlyAfterConfirmingTheNewAddress() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "priya@example.nl")
            let browser = Browser(app)
            try await browser.logIn("priya@example.nl")

            let malformed = try await browser.post(
                CorePath.changeEmail.path, ["email": "priya at example", "password": "correct horse battery"])
            XCTAssertEqual(malformed.status, .badRequest)
            XCTAssertTrue(malformed.body.string.contains("geen geldig e-mailadres"))

            let requested = try await browser.post(
                CorePath.changeEmail.path, ["email": "priya@nieuw.nl", "password": "correct horse battery"]
            ).location
            XCTAssertEqual(requested, CorePath.account.path)
            let oldAddress = try await User.find(email: "priya@example.nl", on: app.db)
            XCTAssertNotNil(oldAddress, "unchanged until confirmed")
            try await app.deliverMail()
            let link = try XCTUnwrap(MailSink.link(app: app, to: "priya@nieuw.nl", for: CorePath.confirmEmailChange(.key)))
            let confirmedChange = try await browser.get(link).location
            XCTAssertEqual(confirmedChange, CorePath.account.path)
            let newAddressAccount = try await User.find(email: "priya@nieuw.nl", on: app.db)
            XCTAssertNotNil(newAddressAccount)
            let oldAddressAccount = try await User.find(email: "priya@example.nl", on: app.db)
            XCTAssertNil(oldAddressAccount)
        }
    }

    func testDataExportAndAccountDeletion() async throws {
        try await withApp { app in
            let user = try await app.makeUser(name: "Kwame Mensah", email: "kwame@example.nl", roles: [.initiator])
            let browser = Browser(app)
            try await browser.logIn("kwame@example.nl")

            let export = try await browser.get(CorePath.accountData.path)
            XCTAssertEqual(export.status, .ok)
            XCTAssertEqual(export.headers.contentType, .json)
            XCTAssertTrue(export.headers.first(name: .contentDisposition)?.hasPrefix("attachment") ?? false)
            let document = try JSONDecoder().decode(JSONValue.self, from: export.body)
            guard case .object(let root) = document, case .object(let account)? = root["account"] else { return XCTFail("no account") }
            XCTAssertEqual(account["email"], "kwame@example.nl")
            XCTAssertEqual(account["roles"], ["initiator", "resident"])

            let wrong = try await browser.post(CorePath.deleteAccount.path, ["password": "niet mijn wachtwoord"])
            XCTAssertEqual(wrong.status, .badRequest)
            let stillThere = try await User.find(user.id, on: app.db)
            XCTAssertNotNil(stillThere)

            let deleted = try await browser.post(CorePath.deleteAccount.path, ["password": "correct horse battery"]).location
            XCTAssertEqual(deleted, "/")
            let afterDeletion = try await User.find(user.id, on: app.db)
            XCTAssertNil(afterDeletion)
            let roleGrants = try await RoleGrant.query(on: app.db).count()
            XCTAssertEqual(roleGrants, 0)
            let accountPage = try await browser.get(CorePath.account.path).status
            XCTAssertEqual(accountPage, .seeOther)
            let again = try await Browser(app).post(
                CorePath.logIn().path, ["email": "kwame@example.nl", "password": "correct horse battery"])
            XCTAssertEqual(again.status, .unauthorized)
        }
    }

    func testAnAdminGrantsAndRevokesRolesAndItIsAudited() async throws {
        try await withApp { app in
            _ = try await app.makeUser(name: "Mila", email: "admin@example.nl", roles: [.admin])
            let lotte = try await app.makeUser(name: "Lotte", email: "lotte@example.nl")
            let admin = Browser(app)
            try await admin.logIn("admin@example.nl")

            let page = try await admin.get(CorePath.adminRoles().path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("lotte@example.nl"))

            let id = try lotte.requireID().uuidString
            let granted = try await admin.post(CorePath.adminRoles().path, ["user_id": id, "role": "coordinator", "grant": "1"]).location
            XCTAssertEqual(granted, CorePath.adminRoles(changed: (try lotte.requireID(), .coordinator)).path)
            let hasRole = try await lotte.roles(on: app.db).contains(.coordinator)
            XCTAssertTrue(hasRole)
            let revoked = try await admin.post(CorePath.adminRoles().path, ["user_id": id, "role": "coordinator", "grant": "0"]).location
            XCTAssertEqual(revoked, CorePath.adminRoles(changed: (try lotte.requireID(), .coordinator)).path)
            let stillHasRole = try await lotte.roles(on: app.db).contains(.coordinator)
            XCTAssertFalse(stillHasRole)
            let auditedChanges = try await AuditEvent.query(on: app.db).filter(\.$action ~~ "role.").count()
            XCTAssertEqual(auditedChanges, 2)

            let bogus = try await admin.post(CorePath.adminRoles().path, ["user_id": id, "role": "koning", "grant": "1"])
            XCTAssertEqual(bogus.status, .badRequest)

            let resident = Browser(app)
            try await resident.logIn("lotte@example.nl")
            let escalation = try await resident.post(CorePath.adminRoles().path, ["user_id": id, "role": "admin", "grant": "1"]).status
            XCTAssertEqual(escalation, .forbidden)
            let becameAdmin = try await lotte.roles(on: app.db).contains(.admin)
            XCTAssertFalse(becameAdmin)
        }
    }
}
