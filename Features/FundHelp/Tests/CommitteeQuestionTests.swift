import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The whole way through the real pages: a person applies without an account, the committee
/// asks a question, the answer puts the case back in the queue, A proposes, A cannot approve,
/// B approves; and erasing a case on request from the committee's page.
final class CommitteeQuestionTests: XCTestCase {
    func testApplyAskAnswerProposeAndApproveThroughThePages() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: money in the fund, an application through the form
            try await CommitteeCases.fund(app, euros: 1000)
            let applicant = Browser(app)
            let applied = try await ApplyForms.post(applicant, ApplyForms.valid())
            let token = try XCTUnwrap(ApplyForms.token(in: applied.location), applied.body.string)
            let found = try await SupportApplication.query(on: app.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first()
            let application = try XCTUnwrap(found)
            let id = try application.requireID()
            let memberA = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let memberB = try await CommitteeCases.member(app, "b@fonds.example.nl")

            let mailBefore = try await CommitteeCases.mail(app, to: "fatima.elamrani@example.nl").count
            // MUT: an empty question is refused; a real one is sent
            let empty = try await memberA.post(
                FundHelpPath.adminQuestion(.value(id)).path, ["to": "applicant", "question": " ", "revision": "0"])
            XCTAssertEqual(empty.status, .badRequest)
            let asked = try await memberA.post(
                FundHelpPath.adminQuestion(.value(id)).path,
                ["to": "applicant", "question": "Hoe lang heb je de slaapplek nodig?", "revision": "0"])
            XCTAssertEqual(asked.status, .seeOther)
            let waiting = try await CommitteeCases.reload(app, id)
            XCTAssertEqual(waiting.status, "question")
            XCTAssertEqual(waiting.revision, 1)
            let value101 = try await CommitteeCases.mail(app, to: "fatima.elamrani@example.nl").count
            XCTAssertEqual(value101, mailBefore + 1)
            let status = try await applicant.get(FundHelpPath.status(.value(token)).path)
            XCTAssertTrue(status.body.string.contains("Hoe lang heb je de slaapplek nodig?"))
            // MUT: the answer, then the decision
            let answer = try await applicant.post(FundHelpPath.statusMessage(.value(token)).path, ["body": "Twee weken."])
            XCTAssertEqual(answer.status, .seeOther)
            let answered = try await CommitteeCases.reload(app, id)
            XCTAssertEqual(answered.status, "received")
            let page = try await memberA.get(FundHelpPath.adminCase(.value(id)).path)
            XCTAssertTrue(page.body.string.contains("Twee weken."))
            let proposed = try await memberA.post(
                FundHelpPath.adminPropose(.value(id)).path, CommitteeCases.decision("grant", amount: "120", revision: answered.revision))
            XCTAssertEqual(proposed.status, .seeOther, proposed.body.string)
            let revision = try await CommitteeCases.reload(app, id).revision
            let own = try await memberA.post(FundHelpPath.adminApprove(.value(id)).path, ["revision": String(revision)])
            XCTAssertEqual(own.status, .conflict)
            let mine = try await memberB.get(FundHelpPath.queue(filter: "mine").path)
            XCTAssertTrue(mine.body.string.contains(application.number))
            let approved = try await memberB.post(FundHelpPath.adminApprove(.value(id)).path, ["revision": String(revision)])

            // validation
            XCTAssertEqual(approved.status, .seeOther)
            let granted = try await CommitteeCases.reload(app, id)
            XCTAssertEqual(granted.status, "granted")
            XCTAssertEqual(granted.grantedCents, 12_000)
            let value1 = try await CommitteeCases.granted(app, id)
            XCTAssertTrue(value1)
            let told = try await applicant.get(FundHelpPath.status(.value(token)).path)
            XCTAssertEqual(told.status, .ok)
            for mail in try await CommitteeCases.mail(app, to: "fatima.elamrani@example.nl") {
                XCTAssertFalse(mail.subject.contains("Fatima"))
                XCTAssertFalse(mail.subject.contains("120"))
            }
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheCommitteeErasesACaseOnRequest() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let made = try await CommitteeCases.make(app, name: "Wis Mij")
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT: unconfirmed, nothing happens; confirmed, the data goes
            let unconfirmed = try await member.post(FundHelpPath.adminErase(.value(made.id)).path)
            XCTAssertEqual(unconfirmed.status, .badRequest)
            let kept = try await CommitteeCases.reload(app, made.id)
            XCTAssertNil(kept.erasedAt)
            let erased = try await member.post(FundHelpPath.adminErase(.value(made.id)).path, ["confirm": "yes"])

            // validation: the anonymous record stays, the person is gone
            XCTAssertEqual(erased.status, .seeOther)
            let application = try await CommitteeCases.reload(app, made.id)
            XCTAssertNotNil(application.erasedAt)
            XCTAssertNil(application.nameSealed)
            let value102 = try await SupportPersonKey.query(on: app.db).filter(\.$application.$id == made.id).count()
            XCTAssertEqual(value102, 0)
            let page = try await member.get(FundHelpPath.adminCase(.value(made.id)).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains("Wis Mij"))
            XCTAssertFalse(page.body.string.contains("Besluit opslaan"))
        }
    }
}
