import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// A grant is approved only within this month's budget and the money the fund has: refused
/// with a clear message naming what is left, nothing posted, the proposal still waiting.
final class BudgetTests: XCTestCase {
    func testAGrantOverTheMonthlyBudgetIsRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: plenty of money, a budget of € 300 of which € 200 was granted this month
            try await CommitteeCases.fund(app, euros: 5000)
            let version = try await CriteriaVersion.current(on: app.db)!
            version.monthlyBudgetCents = 30_000
            try await version.save(on: app.db)
            let (a, b) = (
                try await CommitteeCases.member(app, "a@fonds.example.nl"), try await CommitteeCases.member(app, "b@fonds.example.nl")
            )
            let first = try await CommitteeCases.make(app, name: "Eerste Persoon", phone: "0611111111", email: "een@example.nl")
            try await propose(a, first.id, euros: "200")
            let value1 = try await b.post(FundHelpPath.adminApprove(.value(first.id)).path, ["revision": "1"]).status
            XCTAssertEqual(value1, .seeOther)
            let second = try await CommitteeCases.make(app, name: "Tweede Persoon", phone: "0622222222", email: "twee@example.nl")
            try await propose(a, second.id, euros: "150")

            // MUT
            let refused = try await b.post(FundHelpPath.adminApprove(.value(second.id)).path, ["revision": "1"])

            // validation
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains("budget van deze maand: er is nog € 100,00 over"), refused.body.string)
            let value2 = try await CommitteeCases.reload(app, second.id).status
            XCTAssertEqual(value2, "proposed")
            let value3 = try await CommitteeCases.granted(app, second.id)
            XCTAssertFalse(value3)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAGrantThatWouldOverdrawTheFundIsRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: € 120 in the cash box, a proposal of € 200
            try await CommitteeCases.fund(app, euros: 120)
            let (a, b) = (
                try await CommitteeCases.member(app, "a@fonds.example.nl"), try await CommitteeCases.member(app, "b@fonds.example.nl")
            )
            let made = try await CommitteeCases.make(app)
            try await propose(a, made.id, euros: "200")

            // MUT
            let refused = try await b.post(FundHelpPath.adminApprove(.value(made.id)).path, ["revision": "1"])

            // validation
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains("er is nu € 120,00 beschikbaar"), refused.body.string)
            let value4 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value4, "proposed")
            let value5 = try await CommitteeCases.granted(app, made.id)
            XCTAssertFalse(value5)
            let value6 = try await GrantLimits.availableCents(on: app.db)
            XCTAssertEqual(value6, 12_000)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func propose(_ member: Browser, _ id: UUID, euros: String) async throws {
        let response = try await member.post(
            FundHelpPath.adminPropose(.value(id)).path, CommitteeCases.decision("grant", amount: euros, revision: 0))
        XCTAssertEqual(response.status, .seeOther, response.body.string)
    }
}
