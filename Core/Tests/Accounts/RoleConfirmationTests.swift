import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #8, item 10: a powerful role is given only after a confirmation that says who gets
/// what, the page then says who got or lost what, and a role's state is written out, not only
/// coloured.
final class RoleConfirmationTests: XCTestCase {
    func testGivingAPowerfulRoleAsksForConfirmationFirst() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(name: "Mila", email: "admin@example.nl", roles: [.admin])
            let lotte = try await app.makeUser(name: "Lotte", email: "lotte@example.nl")
            let id = try lotte.requireID().uuidString
            let admin = Browser(app)
            try await admin.logIn("admin@example.nl")

            // MUT: one click on "Geven" beside Beheerder
            let asked = try await admin.post(CorePath.adminRoles().path, ["user_id": id, "role": "admin", "grant": "1", "zoek": "lot"])

            // validation: a page that asks, and nothing given yet
            XCTAssertEqual(asked.status, .ok)
            let question = asked.body.string
            XCTAssertTrue(question.contains("Wil je Lotte (lotte@example.nl) de rol Beheerder geven?"))
            XCTAssertTrue(question.contains("Ja, geef Lotte de rol Beheerder"))
            XCTAssertTrue(
                question.contains("Het geld van het fonds en de gevoelige gegevens van aanvragers horen daar niet bij"),
                "the confirmation says what an admin may do, and what not")
            XCTAssertTrue(question.contains("name=\"bevestigd\" value=\"1\""))
            XCTAssertTrue(question.contains("href=\"\(CorePath.adminRoles(search: "lot").path)\""), "cancel goes back to the search")
            let grantedTooEarly = try await lotte.roles(on: app.db).contains(.admin)
            XCTAssertFalse(grantedTooEarly)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "role.granted").count()
            XCTAssertEqual(audited, 0)

            // MUT: the admin confirms
            let confirmed = try await admin.post(
                CorePath.adminRoles().path, ["user_id": id, "role": "admin", "grant": "1", "bevestigd": "1", "zoek": "lot"])

            // validation: given, and the list (same search) says who got what
            XCTAssertEqual(confirmed.status, .seeOther)
            XCTAssertEqual(confirmed.location, CorePath.adminRoles(search: "lot", changed: (try lotte.requireID(), .admin)).path)
            let isAdmin = try await lotte.roles(on: app.db).contains(.admin)
            XCTAssertTrue(isAdmin)
            let list = try await admin.get(try XCTUnwrap(confirmed.location)).body.string
            XCTAssertTrue(list.contains("Lotte (lotte@example.nl) heeft nu de rol Beheerder."))
        }
    }

    func testEveryPowerfulRoleNeedsConfirmationAndAnOrdinaryOneDoesNot() async throws {
        try await withApp { app in
            // setup
            let admin = try await app.makeUser(name: "Mila", email: "admin@example.nl", roles: [.admin])
            let lotte = try await app.makeUser(name: "Lotte", email: "lotte@example.nl")
            let lotteID = try lotte.requireID()
            let grant = GrantRole(app: app)

            // MUT + validation
            for role in [Role.admin, .treasurer, .fundCommittee] {
                let outcome = try await grant.run(by: admin, userID: lotteID, role: role, grant: true)
                XCTAssertEqual(outcome, .needsConfirmation, "\(role)")
            }
            let held = try await lotte.roles(on: app.db)
            XCTAssertEqual(held, [.resident])
            for role in [Role.coordinator, .initiator] {
                let outcome = try await grant.run(by: admin, userID: lotteID, role: role, grant: true)
                XCTAssertEqual(outcome, .granted, "\(role)")
            }
            let treasurer = try await grant.run(by: admin, userID: lotteID, role: .treasurer, grant: true, confirmed: true)
            XCTAssertEqual(treasurer, .granted)
            // taking a role away needs no confirmation
            let revoked = try await grant.run(by: admin, userID: lotteID, role: .treasurer, grant: false)
            XCTAssertEqual(revoked, .revoked)
        }
    }

    func testThePageSaysWhoLostWhatAndShowsEachRoleInWords() async throws {
        try await withApp { app in
            // setup: Lotte is coordinator, Sem is an admin (and so holds a coordinator's rights, not a treasurer's)
            _ = try await app.makeUser(name: "Mila", email: "admin@example.nl", roles: [.admin])
            let lotte = try await app.makeUser(name: "Lotte", email: "lotte@example.nl", roles: [.coordinator])
            _ = try await app.makeUser(name: "Sem", email: "sem@example.nl", roles: [.admin])
            let admin = Browser(app)
            try await admin.logIn("admin@example.nl")

            // MUT
            let lotteRow = row(of: "Lotte", in: try await admin.get(CorePath.adminRoles(search: "lotte").path).body.string)
            let semRow = row(of: "Sem", in: try await admin.get(CorePath.adminRoles(search: "sem").path).body.string)
            let revoked = try await admin.post(
                CorePath.adminRoles().path, ["user_id": try lotte.requireID().uuidString, "role": "coordinator", "grant": "0"])
            let after = try await admin.get(try XCTUnwrap(revoked.location)).body.string

            // validation
            XCTAssertTrue(lotteRow.contains("Coördinator:</span> <span class=\"role-state\">ja</span>"))
            XCTAssertTrue(lotteRow.contains("Beheerder:</span> <span class=\"role-state\">nee</span>"))
            XCTAssertTrue(lotteRow.contains("Afnemen<span class=\"visually-hidden\"> (rol Coördinator, Lotte)"))
            XCTAssertTrue(
                lotteRow.contains("Geven…<span class=\"visually-hidden\"> (rol Beheerder, Lotte)"), "a powerful role says a step follows")
            XCTAssertTrue(semRow.contains("Coördinator:</span> <span class=\"role-state\">ja, als beheerder</span>"))
            XCTAssertTrue(
                semRow.contains("Penningmeester:</span> <span class=\"role-state\">nee</span>"), "the fund's roles are not an admin's")
            XCTAssertTrue(semRow.contains("Fondscommissie:</span> <span class=\"role-state\">nee</span>"))
            XCTAssertTrue(after.contains("Lotte (lotte@example.nl) heeft de rol Coördinator niet meer."))
            let stillCoordinator = try await lotte.roles(on: app.db).contains(.coordinator)
            XCTAssertFalse(stillCoordinator)
        }
    }

    func testAnEditedChangeAddressOnlyShowsWhatIsTrue() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(name: "Mila", email: "admin@example.nl", roles: [.admin])
            let lotte = try await app.makeUser(name: "Lotte", email: "lotte@example.nl")
            let admin = Browser(app)
            try await admin.logIn("admin@example.nl")

            // MUT: an address claiming Lotte was made treasurer, and one with nonsense
            let claimed = try await admin.get(CorePath.adminRoles(changed: (try lotte.requireID(), .treasurer)).path).body.string
            let nonsense = try await admin.get("/beheer/rollen?persoon=nope&rol=koning")

            // validation
            XCTAssertFalse(claimed.contains("heeft nu de rol"))
            XCTAssertTrue(claimed.contains("Lotte (lotte@example.nl) heeft de rol Penningmeester niet meer."))
            XCTAssertEqual(nonsense.status, .ok)
            XCTAssertFalse(nonsense.body.string.contains("role=\"status\""))
        }
    }

    /// The table row of the person named `name`.
    private func row(of name: String, in html: String) -> String {
        guard let start = html.range(of: "<th scope=\"row\">\(name)</th>") else { return "" }
        return String(html[start.lowerBound...]).components(separatedBy: "</tr>").first ?? ""
    }
}
