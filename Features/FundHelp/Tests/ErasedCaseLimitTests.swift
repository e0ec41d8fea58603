import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Erasing a case: a grant keeps counting against the per-person limit (its blind indexes stay
/// until the period has run out), and an undecided case ends as withdrawn, out of the queue.
final class ErasedCaseLimitTests: XCTestCase {
    func testAnErasedGrantStillCountsAgainstTheLimitUntilItsPeriodEnds() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: € 400 of the € 500 limit granted to Piotr, who then erases his case
            try await CommitteeCases.fund(app, euros: 2000)
            let a = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let b = try await CommitteeCases.member(app, "b@fonds.example.nl")
            let first = try await CommitteeCases.make(app, name: "Piotr Nowak", phone: "0611111111", email: nil, requestedCents: 40_000)
            _ = try await a.post(
                FundHelpPath.adminPropose(.value(first.id)).path, CommitteeCases.decision("grant", amount: "400", revision: 0))
            _ = try await b.post(FundHelpPath.adminApprove(.value(first.id)).path, ["revision": "1"])
            let applicant = Browser(app)
            _ = try await applicant.get(FundHelpPath.statusErase(.value(first.token)).path)
            let erased = try await applicant.post(FundHelpPath.statusErase(.value(first.token)).path, [:])
            XCTAssertEqual(erased.status, .ok)
            let afterErasure = try await CommitteeCases.reload(app, first.id)
            XCTAssertNotNil(afterErasure.erasedAt)
            XCTAssertNil(afterErasure.nameSealed)

            // MUT: he applies again with the same phone number, typed differently
            var form = ApplyForms.valid()
            form["name"] = "P. Nowak"
            form["phone"] = "+31 6 1111 1111"
            form["email"] = ""
            let applied = try await ApplyForms.post(Browser(app), form)
            let token = try XCTUnwrap(ApplyForms.token(in: applied.location), applied.body.string)
            let found = try await SupportApplication.query(on: app.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first()
            let again = try XCTUnwrap(found)
            let proposed = try await a.post(
                FundHelpPath.adminPropose(.value(again.requireID())).path, CommitteeCases.decision("grant", amount: "150", revision: 0))

            // validation: the earlier grant counts, so only € 100 is left
            let earlier = try await EarlierCases.samePerson(as: again, sealer: app.fundSealer, on: app.db)
            XCTAssertEqual(earlier.map(\.number), [first.application.number])
            XCTAssertEqual(proposed.status, .badRequest, proposed.body.string)
            XCTAssertTrue(proposed.body.string.contains("€ 100,00"), proposed.body.string)
            let status = try await CommitteeCases.reload(app, again.requireID()).statusValue
            XCTAssertEqual(status, .received)
            let kept = try await PrivacyCases.verify(app)
            XCTAssertEqual(kept, [])

            // MUT: the retention purge once the per-person period (365 days) has run out
            let decided = try XCTUnwrap(afterErasure.decidedAt)
            try await FundHelpRetention.purge(now: decided.addingTimeInterval(364 * 86_400), app: app)
            let keptBefore = try await SupportPersonKey.query(on: app.db).filter(\.$application.$id == first.id).count()
            try await FundHelpRetention.purge(now: decided.addingTimeInterval(366 * 86_400), app: app)

            // validation: kept within the period, gone after it
            XCTAssertGreaterThan(keptBefore, 0)
            let keptAfter = try await SupportPersonKey.query(on: app.db).filter(\.$application.$id == first.id).count()
            XCTAssertEqual(keptAfter, 0)
            let earlierAfter = try await EarlierCases.samePerson(as: again, sealer: app.fundSealer, on: app.db)
            XCTAssertEqual(earlierAfter.count, 0)
            let privacy = try await PrivacyCases.verify(app)
            XCTAssertEqual(privacy, [])
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testErasingAnUndecidedCaseWithdrawsItFromTheQueue() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: two old cases, one with a proposed grant; both overdue in the queue
            try await CommitteeCases.fund(app, euros: 2000)
            let a = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let b = try await CommitteeCases.member(app, "b@fonds.example.nl")
            let old = app.clock.now().addingTimeInterval(-10 * 86_400)
            let proposed = try await CommitteeCases.make(app, createdAt: old)
            let waiting = try await CommitteeCases.make(app, name: "Ander", phone: "0677777777", email: "ander@example.nl", createdAt: old)
            _ = try await a.post(
                FundHelpPath.adminPropose(.value(proposed.id)).path, CommitteeCases.decision("grant", amount: "100", revision: 0))
            let memberID = try await User.query(on: app.db).filter(\.$email == "a@fonds.example.nl").first()!.requireID()
            let cutoff = app.clock.now().addingTimeInterval(-86_400)
            let openBefore = try await CaseQueue.count(.open, member: memberID, on: app.db)
            let overdueBefore = try await CaseQueue.overdueCount(cutoff: cutoff, on: app.db)
            XCTAssertEqual(openBefore, 2)
            XCTAssertEqual(overdueBefore, 2)

            // MUT: the applicant erases the proposed one by their link; the committee erases the other
            let applicant = Browser(app)
            _ = try await applicant.get(FundHelpPath.statusErase(.value(proposed.token)).path)
            _ = try await applicant.post(FundHelpPath.statusErase(.value(proposed.token)).path, [:])
            _ = try await b.get(FundHelpPath.adminCase(.value(waiting.id)).path)
            let byCommittee = try await b.post(FundHelpPath.adminErase(.value(waiting.id)).path, ["confirm": "yes"])

            // validation
            XCTAssertEqual(byCommittee.status, .seeOther)
            for id in [proposed.id, waiting.id] {
                let application = try await CommitteeCases.reload(app, id)
                XCTAssertEqual(application.statusValue, .withdrawn)
                XCTAssertNotNil(application.closedAt)
                XCTAssertNotNil(application.erasedAt)
            }
            let decision = try await SupportDecision.query(on: app.db).filter(\.$application.$id == proposed.id).first()
            XCTAssertEqual(decision?.state, SupportDecision.State.sentBack.rawValue)
            let granted = try await CommitteeCases.granted(app, proposed.id)
            XCTAssertFalse(granted)
            let openAfter = try await CaseQueue.count(.open, member: memberID, on: app.db)
            let overdueAfter = try await CaseQueue.overdueCount(cutoff: cutoff, on: app.db)
            XCTAssertEqual(openAfter, 0)
            XCTAssertEqual(overdueAfter, 0)
            let privacy = try await PrivacyCases.verify(app)
            XCTAssertEqual(privacy, [])
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
