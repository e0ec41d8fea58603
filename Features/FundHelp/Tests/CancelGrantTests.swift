import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// A grant that can no longer be paid does not stay owed forever: the committee cancels what is
/// left, with a reason; the ledger gives it back to the fund and the case closes. Not while a
/// transfer is at the bank, and never without a reason.
final class CancelGrantTests: XCTestCase {
    func testCancellingTheRestOfAPartlyPaidGrantClosesTheCaseAsPaid() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: € 300 granted, € 100 paid in cash
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 30_000, email: "amal@example.nl")
            let treasurer = try await PayoutKit.treasurer(app)
            try await treasurer.post(FundHelpPath.adminPayout(.value(granted.id!)).path, ["amount": "100", "method": "cash"])
            let member = try await CommitteeCases.member(app, "lid@fonds.example.nl")
            let path = FundHelpPath.adminCancelGrant(.value(granted.id!)).path
            let page = try await member.get(path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("€ 200,00"), page.body.string)

            // MUT
            let response = try await member.post(path, ["reason": "unreachable"])

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.status, "paid")
            XCTAssertEqual(application?.grantedCents, 10_000)
            XCTAssertNotNil(application?.closedAt)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.grantsPayable] ?? 0, 0, "nothing is owed any more")
            XCTAssertEqual(balances[.payouts("shelter")], 10_000, "only what was paid is spent")
            let told = try await PayoutKit.mails(to: "amal@example.nl", app)
            XCTAssertEqual(told, 2, "paid, then the grant ended: news twice")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "fundhelp.grant.cancel_rest").count()
            XCTAssertEqual(audit, 1)
            try await PayoutKit.assertBooksClean(app)
            let problems = try await FundHelpFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAGrantWithNothingPaidEndsWithdrawn() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 30_000)
            let member = try await CommitteeCases.member(app, "lid@fonds.example.nl")

            // MUT
            let response = try await member.post(FundHelpPath.adminCancelGrant(.value(granted.id!)).path, ["reason": "not_needed"])

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.status, "withdrawn")
            XCTAssertEqual(application?.grantedCents, 0)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.grantsPayable] ?? 0, 0)
            XCTAssertEqual(balances[.payouts("shelter")] ?? 0, 0)
            try await PayoutKit.assertBooksClean(app)
            let problems = try await FundHelpFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testWithoutAReasonOrWithATransferAtTheBankNothingChanges() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: € 100 of € 250 in a SEPA file, not yet settled
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 25_000)
            let treasurer = try await PayoutKit.treasurer(app)
            try await treasurer.post(FundHelpPath.adminPayout(.value(granted.id!)).path, PayoutKit.transfer(amount: "100"))
            let member = try await CommitteeCases.member(app, "lid@fonds.example.nl")
            let path = FundHelpPath.adminCancelGrant(.value(granted.id!)).path

            // MUT
            let noReason = try await member.post(path, ["reason": ""])
            _ = try await treasurer.post(FundHelpPath.payoutExport.path)
            let atTheBank = try await member.post(path, ["reason": "cannot_pay"])

            // validation
            XCTAssertEqual(noReason.status, .badRequest)
            XCTAssertTrue(noReason.body.string.contains("Kies waarom je de rest intrekt."), noReason.body.string)
            XCTAssertEqual(atTheBank.status, .conflict)
            XCTAssertTrue(atTheBank.body.string.contains("Er staat nog een overschrijving bij de bank."), atTheBank.body.string)
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.status, "granted")
            XCTAssertEqual(application?.grantedCents, 25_000)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.grantsPayable], -25_000)
            try await PayoutKit.assertBooksClean(app)
        }
    }
}
