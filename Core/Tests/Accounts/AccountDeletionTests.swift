import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #9: deleting an account erases the mail that holds the person's address and name.
final class AccountDeletionTests: XCTestCase {
    func testDeletionErasesTheOutboxRowsOfThePerson() async throws {
        try await withApp { app in
            // setup: a sent mail, a pending one, one to a new address, and one to someone else
            _ = try await app.makeUser(email: "other@example.nl")
            let user = try await app.makeUser(name: "Kwame Mensah", email: "kwame@example.nl")
            try await ResetPassword(app: app).request(email: "kwame@example.nl", ip: "192.0.2.1")
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            _ = try await ChangeEmail(app: app).run(
                user: user, password: "correct horse battery", newEmail: "kwame@nieuw.nl", language: .nl)
            try await ResetPassword(app: app).request(email: "kwame@example.nl", ip: "192.0.2.1")
            try await ResetPassword(app: app).request(email: "other@example.nl", ip: "192.0.2.1")
            try await JobWorker(app: app).runDue()

            // MUT
            let outcome = try await AccountData(app: app).delete(user, password: "correct horse battery")

            // validation
            XCTAssertEqual(outcome, .deleted)
            let left = try await OutboxMessage.query(on: app.db).all().map(\.recipient)
            XCTAssertEqual(left, ["other@example.nl"])
            let jobsWithAddress = try await Job.query(on: app.db).filter(\.$payload == "kwame@example.nl").count()
            XCTAssertEqual(jobsWithAddress, 0)
        }
    }
}
