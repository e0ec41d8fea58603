import KrachtCore
import KrachtTesting
import Vapor
import XCTest

final class DemoPeopleTests: XCTestCase {
    func testTheDemoHasOneAccountForEveryRoleEachWithTheDemoPassword() async throws {
        try await withApp { app in
            // MUT
            let people = try await DemoPeople.create(app: app)

            // validation: every role a person can have is there to try
            let staff: [(User, Role)] = [
                (people.admin, .admin), (people.coordinator, .coordinator), (people.treasurer, .treasurer),
                (people.fundCommittee, .fundCommittee), (people.initiator, .initiator), (people.referrer, .referrer),
            ]
            let covered = Set(staff.map(\.1)).union([.resident])
            XCTAssertEqual(covered, Set(Role.allCases))
            for (user, role) in staff {
                let roles = try await user.roles(on: app.db)
                XCTAssertTrue(roles.contains(role), "\(user.name) is \(role)")
                XCTAssertTrue(user.email.hasSuffix("@demo.krachtvanmokum.nl"))
                XCTAssertNotNil(user.emailConfirmedAt)
            }
            XCTAssertEqual(people.residents.count, 10)
            XCTAssertEqual(people.admin.email, "admin@demo.krachtvanmokum.nl", "as the README says")

            // and each can log in with the password the README gives
            for user in staff.map(\.0) + [people.residents[0]] {
                let browser = Browser(app)
                try await browser.logIn(user.email, DemoPeople.password)
            }
        }
    }
}
