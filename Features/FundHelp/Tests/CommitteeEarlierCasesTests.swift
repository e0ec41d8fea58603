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
}
