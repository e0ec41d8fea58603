import Fluent
import KrachtTesting
import XCTVapor
import XCTest

@testable import KrachtCore

final class SessionTests: XCTestCase {
    func testASessionEndsAfterAMonthUnusedAndIsPurged() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "noor@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noor@example.nl")

            // MUT: a visit within the month keeps the session alive; a month of silence ends it
            app.clock.advance(by: 20 * 86400)
            let stillIn = try await browser.get(CorePath.account.path).status
            XCTAssertEqual(stillIn, .ok)
            app.clock.advance(by: 29 * 86400)
            let extended = try await browser.get(CorePath.account.path).status
            XCTAssertEqual(extended, .ok, "each visit extends the session")
            app.clock.advance(by: 31 * 86400)
            let expired = try await browser.get(CorePath.account.path)

            // validation
            XCTAssertEqual(expired.location, "/account/inloggen?terug=%2Faccount")
            try await RetentionPurge.run(app)
            let left = try await SessionRow.query(on: app.db).filter(\.$userID != nil).count()
            XCTAssertEqual(left, 0)
        }
    }

    func testTheTableHoldsNoUsableSessionKey() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "noor@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noor@example.nl")

            let cookie = try XCTUnwrap(browser.cookies["kracht_session"])
            let rows = try await SessionRow.query(on: app.db).all()
            XCTAssertFalse(rows.contains { $0.id == cookie }, "the key is stored hashed")
            XCTAssertTrue(rows.contains { $0.id == SecureToken.hash(cookie) })
        }
    }

    func testPageViewsDoNotRewriteTheSessionEveryTime() async throws {
        try await withApp { app in
            _ = try await app.makeUser(email: "noor@example.nl")
            let browser = Browser(app)
            try await browser.logIn("noor@example.nl")
            let key = SecureToken.hash(try XCTUnwrap(browser.cookies["kracht_session"]))
            let first = try await SessionRow.find(key, on: app.db)?.expiresAt

            app.clock.advance(by: 60)
            try await browser.get(CorePath.account.path)
            let unchanged = try await SessionRow.find(key, on: app.db)?.expiresAt
            XCTAssertEqual(unchanged, first, "a minute later: nothing written")

            app.clock.advance(by: 2 * 3600)
            try await browser.get(CorePath.account.path)
            let later = try await SessionRow.find(key, on: app.db)?.expiresAt
            XCTAssertGreaterThan(try XCTUnwrap(later), try XCTUnwrap(first), "hours later: extended")
        }
    }

    func testResettingThePasswordLogsOutEverywhere() async throws {
        try await withApp { app in
            // setup: the account is open on a shared computer
            _ = try await app.makeUser(email: "mehmet@example.nl")
            let library = Browser(app)
            try await library.logIn("mehmet@example.nl")

            // MUT: at home, a password reset by the mailed link
            let home = Browser(app)
            try await home.post(CorePath.forgotPassword.path, ["email": "mehmet@example.nl"])
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let link = try XCTUnwrap(MailSink.link(app: app, to: "mehmet@example.nl", for: CorePath.resetPassword(.key)))
            try await home.post(link, ["password": "een gloednieuw wachtwoord"])

            // validation
            let shared = try await library.get(CorePath.account.path)
            XCTAssertEqual(shared.status, .seeOther, "the library's session has ended")
            try await home.logIn("mehmet@example.nl", "een gloednieuw wachtwoord")
            let own = try await home.get(CorePath.account.path).status
            XCTAssertEqual(own, .ok)
        }
    }
}
