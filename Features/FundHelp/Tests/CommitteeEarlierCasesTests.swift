import Crypto
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Earlier cases of the same person are found by the blind index of their phone number, e-mail
/// address or name, typed differently or indexed under an older key.
final class CommitteeEarlierCasesTests: XCTestCase {
    func testEarlierCasesAreFoundAlsoAfterAKeyRotation() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a case under key 1, then the fund's key rotated to 2 and a new case
            let old = SymmetricKey(size: .bits256)
            app.fundSealer = try FieldSealer(keys: [.init(version: 1, key: old)])
            let earlier = try await CommitteeCases.make(app, name: "Piotr Nowak", phone: "06-11223344", email: "piotr@example.pl")
            earlier.application.status = "granted"
            earlier.application.grantedCents = 12_500
            earlier.application.decidedAt = app.clock.now()
            try await earlier.application.save(on: app.db)
            _ = try await CommitteeCases.make(app, name: "Iemand Anders", phone: "0699999999", email: "anders@example.nl")
            app.fundSealer = try FieldSealer(keys: [.init(version: 2, key: SymmetricKey(size: .bits256)), .init(version: 1, key: old)])
            let made = try await CommitteeCases.make(app, name: "P. Nowak", phone: "+31 6 1122 3344", email: "nowy@example.pl")
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT
            let matches = try await EarlierCases.find(for: made.application, sealer: app.fundSealer, on: app.db)
            let page = try await member.get(FundHelpPath.adminCase(.value(made.id)).path)

            // validation: found by phone only, shown with the sum against the limit
            XCTAssertEqual(matches.map(\.application.number), [earlier.application.number])
            XCTAssertEqual(matches.first?.kinds, ["phone"])
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains(earlier.application.number))
            XCTAssertTrue(page.body.string.contains("€ 125,00 van de grens van € 500,00"), page.body.string)
        }
    }

    func testASharedNameAloneIsShownButNotCountedAgainstTheLimit() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a Mohammed Ali granted € 400 of the € 500 limit; another Mohammed Ali (other
            // phone, other address) asks € 300; a third case shares the first one's phone number
            try await CommitteeCases.fund(app, euros: 2000)
            let a = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let b = try await CommitteeCases.member(app, "b@fonds.example.nl")
            let first = try await CommitteeCases.make(
                app, name: "Mohammed Ali", phone: "0611111111", email: "ali1@example.nl", requestedCents: 40_000)
            _ = try await a.post(
                FundHelpPath.adminPropose(.value(first.id)).path, CommitteeCases.decision("grant", amount: "400", revision: 0))
            _ = try await b.post(FundHelpPath.adminApprove(.value(first.id)).path, ["revision": "1"])
            let value0 = try await CommitteeCases.reload(app, first.id).grantedCents
            XCTAssertEqual(value0, 40_000)
            let namesake = try await CommitteeCases.make(app, name: "Mohammed Ali", phone: "0622222222", email: "ali2@example.nl")
            let samePhone = try await CommitteeCases.make(app, name: "M. Ali", phone: "06 1111 1111", email: "ander@example.nl")

            // MUT: A proposes € 300 for the namesake, B reads the case and approves
            let proposed = try await a.post(
                FundHelpPath.adminPropose(.value(namesake.id)).path, CommitteeCases.decision("grant", amount: "300", revision: 0))
            let page = try await b.get(FundHelpPath.adminCase(.value(namesake.id)).path)
            let approved = try await b.post(FundHelpPath.adminApprove(.value(namesake.id)).path, ["revision": "1"])
            // MUT: the same € 300 for the case sharing the first one's phone
            let refused = try await a.post(
                FundHelpPath.adminPropose(.value(samePhone.id)).path, CommitteeCases.decision("grant", amount: "300", revision: 0))

            // validation: the namesake is shown as possibly the same person, not counted
            XCTAssertEqual(proposed.status, .seeOther)
            let body = page.body.string
            XCTAssertTrue(body.contains("Mogelijk dezelfde persoon (alleen dezelfde naam)"), body)
            XCTAssertTrue(body.contains(first.application.number))
            XCTAssertTrue(body.contains("€ 0,00 van de grens van € 500,00"), body)
            XCTAssertEqual(approved.status, .seeOther)
            let value1 = try await CommitteeCases.reload(app, namesake.id).grantedCents
            XCTAssertEqual(value1, 30_000)
            // validation: a shared phone number is the same person: € 100 room left
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("€ 100,00"), refused.body.string)
            let value2 = try await CommitteeCases.reload(app, samePhone.id).status
            XCTAssertEqual(value2, "received")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
