import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 10: what the unique indexes stop at the same moment answers as if it had
/// come second, never 500. Run with KRACHT_TEST_DATABASE_URL for PostgreSQL, where the
/// requests truly overlap.
final class AccountRaceTests: XCTestCase {
    func testOneAddressRegisteredSeveralTimesAtOnce() async throws {
        try await withApp { app in
            // MUT: three at once (the per-address limit lets three through an hour)
            let outcomes = try await concurrently(3) { n in
                try await RegisterAccount(app: app).run(
                    name: "Persoon \(n)", email: "dubbel@example.nl", password: "een lange zin als wachtwoord", language: .nl,
                    ip: "192.0.2.\(n)")
            }

            // validation
            XCTAssertEqual(outcomes.filter { if case .registered = $0 { true } else { false } }.count, 3, "each gets the usual answer")
            let accounts = try await User.query(on: app.db).count()
            XCTAssertEqual(accounts, 1)
            let mails = try await OutboxMessage.query(on: app.db).all().map(\.subject).sorted()
            XCTAssertEqual(mails.filter { $0 == "Je hebt al een account" }.count, 2, "the others mail the owner, as a second sign-up does")
        }
    }

    func testADoubleClickedRoleGrant() async throws {
        try await withApp { app in
            // setup
            let admin = try await app.makeUser(name: "Mila", email: "admin@example.nl", roles: [.admin])
            let lotte = try await app.makeUser(name: "Lotte", email: "lotte@example.nl")
            let lotteID = try lotte.requireID()

            // MUT
            let outcomes = try await concurrently(4) { _ in
                try await GrantRole(app: app).run(by: admin, userID: lotteID, role: .coordinator, grant: true)
            }

            // validation
            XCTAssertEqual(outcomes.filter { $0 == .granted }.count, 1)
            XCTAssertEqual(outcomes.filter { $0 == .unchanged }.count, 3)
            let grants = try await RoleGrant.query(on: app.db).filter(\.$user.$id == lotteID).count()
            XCTAssertEqual(grants, 1)
        }
    }

    func testTwoAddressChangesToOneAddressConfirmedAtOnce() async throws {
        try await withApp { app in
            // setup: two people each ask for the same new address
            var links: [String] = []
            for name in ["sanne", "daan"] {
                let user = try await app.makeUser(name: name, email: "\(name)@example.nl")
                _ = try await ChangeEmail(app: app).run(
                    user: user, password: "correct horse battery", newEmail: "gedeeld@example.nl", language: .nl)
                try await app.deliverMail()
                let link = try XCTUnwrap(MailSink.link(app: app, to: "gedeeld@example.nl", for: CorePath.confirmEmailChange(.key)))
                links.append(String(link.split(separator: "/").last!))
            }

            // MUT
            let tokens = links
            let outcomes = try await concurrently(2) { n in try await ConfirmEmail(app: app).run(token: tokens[n], purpose: .changeEmail) }

            // validation
            XCTAssertEqual(outcomes.sorted { "\($0)" < "\($1)" }, [.addressTaken, .confirmed])
            let holders = try await User.query(on: app.db).filter(\.$email == "gedeeld@example.nl").count()
            XCTAssertEqual(holders, 1)
        }
    }
}
