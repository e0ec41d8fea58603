import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 9: the roles page shows everyone, a page at a time, and finds people by
/// name or address, without JavaScript.
final class AdminRolesPagingTests: XCTestCase {
    func testTheRolesPageIsPagedAndSearchable() async throws {
        try await withApp { app in
            // setup: an admin and 119 residents
            _ = try await app.makeUser(name: "Aaa Beheer", email: "admin@example.nl", roles: [.admin])
            let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()).hash("correct horse battery")
                .get()
            for n in 1...119 {
                let name = n == 77 ? "Zeynep Özdemir" : "Bewoner \(String(format: "%03d", n))"
                let user = User(name: name, email: "bewoner\(n)@example.nl", passwordHash: hash, language: .nl)
                user.emailConfirmedAt = Date()
                try await user.create(on: app.db)
            }
            let admin = Browser(app)
            try await admin.logIn("admin@example.nl")

            // MUT
            let first = try await admin.get(CorePath.adminRoles().path).body.string
            let third = try await admin.get("/beheer/rollen?pagina=3").body.string
            let byName = try await admin.get("/beheer/rollen?zoek=zeynep").body.string
            let byEmail = try await admin.get("/beheer/rollen?zoek=BEWONER11%40").body.string
            let wildcard = try await admin.get("/beheer/rollen?zoek=%25").body.string
            let nonsense = try await admin.get("/beheer/rollen?pagina=-4&zoek=").status

            // validation
            XCTAssertEqual(rows(first), 50)
            XCTAssertTrue(first.contains("href=\"/beheer/rollen?pagina=2\""))
            XCTAssertFalse(first.contains("rel=\"prev\""))
            XCTAssertEqual(rows(third), 20, "120 people: 50, 50 and 20")
            XCTAssertTrue(third.contains("href=\"/beheer/rollen?pagina=2\" rel=\"prev\""))
            XCTAssertFalse(third.contains("rel=\"next\""))
            XCTAssertEqual(rows(byName), 1)
            XCTAssertTrue(byName.contains("Zeynep Özdemir"))
            XCTAssertEqual(rows(byEmail), 1)
            XCTAssertTrue(byEmail.contains("bewoner11@example.nl"))
            XCTAssertEqual(rows(wildcard), 0, "a % is searched for, not a wildcard")
            XCTAssertEqual(nonsense, .ok)
        }
    }

    private func rows(_ html: String) -> Int { html.components(separatedBy: "<th scope=\"row\">").count - 1 }
}
