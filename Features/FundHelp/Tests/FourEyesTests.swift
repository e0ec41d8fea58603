import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Nobody approves a grant they proposed, referred or applied for; and two members deciding
/// the same case at once: one wins, the other is told and nothing of theirs happens.
final class FourEyesTests: XCTestCase {
    func testTwoConcurrentApprovalsExactlyOneWins() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            try await CommitteeCases.fund(app, euros: 1000)
            let proposer = try await app.makeUser(email: "a@fonds.example.nl", roles: [.fundCommittee])
            let b = try await app.makeUser(email: "b@fonds.example.nl", roles: [.fundCommittee])
            let c = try await app.makeUser(email: "c@fonds.example.nl", roles: [.fundCommittee])
            let made = try await CommitteeCases.make(app)
            try await Self.propose(app, made.id, by: proposer)

            // MUT: B and C approve at the same moment
            let command = ApproveGrant(app: app)
            async let first = command.approve(made.id, revision: 1, by: b)
            async let second = command.approve(made.id, revision: 1, by: c)
            let outcomes = try await [first, second]

            // validation
            XCTAssertEqual(outcomes.filter { $0 == .approved }.count, 1, "\(outcomes)")
            XCTAssertEqual(outcomes.filter { $0 == .decidedMeanwhile }.count, 1, "\(outcomes)")
            let value20 = try await Ledger.balances(on: app.db)[.grantsPayable]
            XCTAssertEqual(value20, -20_000)
            let value21 = try await SupportDecision.query(on: app.db).filter(\.$state == "approved").count()
            XCTAssertEqual(value21, 1)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testApproveAgainstSendBackExactlyOneWins() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            try await CommitteeCases.fund(app, euros: 1000)
            let proposer = try await app.makeUser(email: "a@fonds.example.nl", roles: [.fundCommittee])
            let b = try await app.makeUser(email: "b@fonds.example.nl", roles: [.fundCommittee])
            let c = try await app.makeUser(email: "c@fonds.example.nl", roles: [.fundCommittee])
            let made = try await CommitteeCases.make(app)
            try await Self.propose(app, made.id, by: proposer)

            // MUT
            let command = ApproveGrant(app: app)
            async let approving = command.approve(made.id, revision: 1, by: b)
            async let sendingBack = command.sendBack(made.id, revision: 1, by: c)
            let (approved, sentBack) = try await (approving, sendingBack)

            // validation: exactly one happened, and the case shows which
            let application = try await CommitteeCases.reload(app, made.id)
            if approved == .approved {
                XCTAssertEqual(sentBack, .decidedMeanwhile)
                XCTAssertEqual(application.status, "granted")
                let value22 = try await CommitteeCases.granted(app, made.id)
                XCTAssertTrue(value22)
            } else {
                XCTAssertEqual(sentBack, .sentBack)
                XCTAssertEqual(approved, .decidedMeanwhile)
                XCTAssertEqual(application.status, "received")
                let value23 = try await CommitteeCases.granted(app, made.id)
                XCTAssertFalse(value23)
            }
            XCTAssertEqual(application.revision, 2)
        }
    }

    func testAStalePageIsToldSomeoneDecidedMeanwhile() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: A proposes; B sends it back; C still has the page of revision 1
            let a = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let b = try await CommitteeCases.member(app, "b@fonds.example.nl")
            let c = try await CommitteeCases.member(app, "c@fonds.example.nl")
            let made = try await CommitteeCases.make(app)
            _ = try await a.post(
                FundHelpPath.adminPropose(.value(made.id)).path, CommitteeCases.decision("grant", amount: "100", revision: 0))
            let value24 = try await b.post(FundHelpPath.adminSendBack(.value(made.id)).path, ["revision": "1"]).status
            XCTAssertEqual(value24, .seeOther)

            // MUT
            let stale = try await c.post(FundHelpPath.adminApprove(.value(made.id)).path, ["revision": "1"])

            // validation
            XCTAssertEqual(stale.status, .conflict)
            XCTAssertTrue(stale.body.string.contains("Iemand heeft net over deze aanvraag besloten"))
            let value25 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value25, "received")
        }
    }

    func testTheReferrerAndTheApplicantCannotApprove() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a member who is also the case's referrer, and one whose own address applied
            try await CommitteeCases.fund(app, euros: 1000)
            let proposer = try await app.makeUser(email: "a@fonds.example.nl", roles: [.fundCommittee])
            let referrer = try await app.makeUser(email: "verwijzer@fonds.example.nl", roles: [.fundCommittee, .referrer])
            let applicant = try await app.makeUser(email: "Samira@Example.nl", roles: [.fundCommittee])
            let made = try await CommitteeCases.make(app, email: "samira@example.nl ", referrerID: referrer.id)
            try await Self.propose(app, made.id, by: proposer)

            // MUT
            let byReferrer = try await ApproveGrant(app: app).approve(made.id, revision: 1, by: referrer)
            let byApplicant = try await ApproveGrant(app: app).approve(made.id, revision: 1, by: applicant)

            // validation
            XCTAssertEqual(byReferrer, .referredIt)
            XCTAssertEqual(byApplicant, .appliedForIt)
            let value26 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value26, "proposed")
            let value27 = try await CommitteeCases.granted(app, made.id)
            XCTAssertFalse(value27)
        }
    }

    static func propose(_ app: Application, _ id: UUID, by member: User, euros: String = "200") async throws {
        let input = ProposeDecision.Input(
            judgements: ["acute": "met", "no_provision": "met", "amsterdam": "met", "limits": "met"], outcome: "grant", amount: euros,
            criterion: nil, referredTo: nil, note: "past binnen de regels", revision: 0)
        guard case .proposed = try await ProposeDecision(app: app).run(id, input, by: member, language: .nl) else {
            return XCTFail("not proposed")
        }
    }
}
