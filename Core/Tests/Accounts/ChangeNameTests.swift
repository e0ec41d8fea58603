import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #8, item 7: a person changes their name from the account page; the change is audited.
final class ChangeNameTests: XCTestCase {
    func testChangingTheNameFromTheAccountPage() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(name: "Sanne", email: "sanne@example.nl")
            let browser = Browser(app)
            try await browser.logIn("sanne@example.nl")

            // MUT
            let response = try await browser.post(CorePath.changeName.path, ["name": "  Sanne de Vries "])

            // validation
            XCTAssertEqual(response.location, CorePath.account.path)
            let stored = try await User.find(user.requireID(), on: app.db)
            XCTAssertEqual(stored?.name, "Sanne de Vries")
            let page = try await browser.get(CorePath.account.path)
            XCTAssertTrue(page.body.string.contains("Je naam is gewijzigd."))
            XCTAssertTrue(page.body.string.contains(#"value="Sanne de Vries""#))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "account.name_changed").all()
            XCTAssertEqual(audit.count, 1)
            XCTAssertEqual(audit.first?.subject, "user:\(try user.requireID())")
            XCTAssertFalse(audit.first?.details.contains("Sanne") ?? true, "the audit log keeps no name")
        }
    }

    func testTheSameNameOrABadOneChangesNothing() async throws {
        try await withApp { app in
            // setup
            let user = try await app.makeUser(name: "Sanne", email: "sanne@example.nl")

            // MUT
            let same = try await ChangeName(app: app).run(user: user, name: "Sanne", language: .nl)
            let empty = try await ChangeName(app: app).run(user: user, name: "  ", language: .nl)
            let broken = try await ChangeName(app: app).run(user: user, name: "Sanne\u{202E}", language: .en)

            // validation
            XCTAssertEqual(same, .unchanged)
            guard case .invalid(let missing) = empty, case .invalid(let characters) = broken else {
                return XCTFail("an empty name and a name with control characters are refused")
            }
            XCTAssertEqual(missing.fields["name"], "Vul dit veld in.")
            XCTAssertNotNil(characters.fields["name"])
            let stored = try await User.find(user.requireID(), on: app.db)
            XCTAssertEqual(stored?.name, "Sanne")
            let audit = try await AuditEvent.query(on: app.db).count()
            XCTAssertEqual(audit, 0)
        }
    }

    func testSigningOutPeopleCannotChangeAName() async throws {
        try await withApp { app in
            let response = try await Browser(app).post(CorePath.changeName.path, ["name": "Iemand"])
            XCTAssertNotEqual(response.status, .seeOther)
            XCTAssertNotEqual(response.location, CorePath.account.path)
        }
    }
}
