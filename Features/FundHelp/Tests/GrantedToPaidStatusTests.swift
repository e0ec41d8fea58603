import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The applicant's own page follows the money: "Toegekend" once two members approved the grant,
/// "Betaald" once the treasurer marks the transfer paid.
final class GrantedToPaidStatusTests: XCTestCase {
    func testTheStatusPageShowsGrantedThenPaid() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: an application, money in the fund, a proposal by one member
            try await CommitteeCases.fund(app, euros: 1000)
            let made = try await CommitteeCases.make(app)
            let proposer = try await app.makeUser(email: "a@fonds.example.nl", roles: [.fundCommittee])
            let approver = try await app.makeUser(email: "b@fonds.example.nl", roles: [.fundCommittee])
            try await FourEyesTests.propose(app, made.id, by: proposer)
            let applicant = Browser(app)
            let statusPath = FundHelpPath.status(.value(made.token)).path
            let before = try await applicant.get(statusPath)
            XCTAssertFalse(before.body.string.contains("Toegekend"))

            // MUT: the second member approves
            let approved = try await ApproveGrant(app: app).approve(made.id, revision: nil, by: approver)

            // validation
            XCTAssertEqual(approved, .approved)
            let granted = try await applicant.get(statusPath)
            XCTAssertEqual(granted.status, .ok)
            XCTAssertTrue(granted.body.string.contains("Toegekend"), granted.body.string)

            // MUT: the treasurer pays by transfer, sends the file and marks it paid
            let treasurer = try await PayoutKit.treasurer(app)
            try await treasurer.post(FundHelpPath.adminPayout(.value(made.id)).path, PayoutKit.transfer(amount: "200"))
            _ = try await treasurer.post(FundHelpPath.payoutExport.path)
            let payout = try await SupportPayout.query(on: app.db).first()!
            let marked = try await treasurer.post(FundHelpPath.payoutPaid(.value(payout.id!)).path)

            // validation
            XCTAssertEqual(marked.status, .seeOther)
            let paid = try await applicant.get(statusPath)
            XCTAssertTrue(paid.body.string.contains("Betaald"), paid.body.string)
            try await PayoutKit.assertBooksClean(app)
        }
    }
}
