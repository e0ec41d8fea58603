import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The committee's journey: the queue, the case page (every read logged), a proposal, the
/// refused self-approval and the second member's approval that posts the grant.
final class CommitteeTests: XCTestCase {
    func testMemberAProposesMemberBApprovesAndTheGrantIsBooked() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            try await CommitteeCases.fund(app, euros: 1000)
            let made = try await CommitteeCases.make(app, name: "Samira Benali", email: "samira@example.nl", requestedCents: 30_000)
            let memberA = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let memberB = try await CommitteeCases.member(app, "b@fonds.example.nl")
            let casePath = FundHelpPath.adminCase(.value(made.id)).path

            // MUT: the queue shows the case with its name; the case page is read and logged
            let queue = try await memberA.get(FundHelpPath.queue().path)
            XCTAssertEqual(queue.status, .ok)
            XCTAssertTrue(queue.body.string.contains(made.application.number))
            XCTAssertTrue(queue.body.string.contains("Samira Benali"))
            let page = try await memberA.get(casePath)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("huur voor deze maand"))

            // MUT: A proposes € 250 of the € 300 asked
            let proposed = try await memberA.post(
                FundHelpPath.adminPropose(.value(made.id)).path, CommitteeCases.decision("grant", amount: "250", revision: 0))
            XCTAssertEqual(proposed.status, .seeOther)
            let value7 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value7, "proposed")
            let value8 = try await CommitteeCases.granted(app, made.id)
            XCTAssertFalse(value8, "a proposal posts nothing")

            // MUT: A cannot approve their own proposal
            let own = try await memberA.post(FundHelpPath.adminApprove(.value(made.id)).path, ["revision": "1"])
            XCTAssertEqual(own.status, .conflict)
            XCTAssertTrue(own.body.string.contains("Je kunt je eigen voorstel niet goedkeuren"))
            let value9 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value9, "proposed")
            let value10 = try await CommitteeCases.granted(app, made.id)
            XCTAssertFalse(value10)

            // MUT: B approves
            let approved = try await memberB.post(FundHelpPath.adminApprove(.value(made.id)).path, ["revision": "1"])
            XCTAssertEqual(approved.status, .seeOther)

            // validation: granted, booked, told; the books are clean
            let granted = try await CommitteeCases.reload(app, made.id)
            XCTAssertEqual(granted.status, "granted")
            XCTAssertEqual(granted.grantedCents, 25_000)
            XCTAssertEqual(granted.criteriaVersion, 1)
            let value11 = try await CommitteeCases.granted(app, made.id)
            XCTAssertTrue(value11)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.payouts("shelter")], 25_000)
            XCTAssertEqual(balances[.grantsPayable], -25_000)
            let decision = try await SupportDecision.query(on: app.db).filter(\.$application.$id == made.id).first()
            XCTAssertEqual(decision?.state, "approved")
            XCTAssertEqual(decision?.judgements["acute"], "met")
            let mail = try await CommitteeCases.mail(app, to: "samira@example.nl")
            XCTAssertEqual(mail.count, 1)
            for message in mail {
                XCTAssertFalse(message.subject.contains("Samira"))
                XCTAssertFalse(message.subject.contains("250"))
                XCTAssertFalse(message.subject.contains(made.application.number))
            }
            let reads = try await SupportCaseRead.query(on: app.db).filter(\.$application.$id == made.id).all()
            XCTAssertEqual(reads.filter { $0.what == "queue" }.count, 1, "the name in the queue is a read")
            XCTAssertGreaterThanOrEqual(
                reads.filter { $0.what == "case" }.count, 2, "the page and the refused approval's page are both reads")
            XCTAssertTrue(reads.allSatisfy { $0.role == "fund_committee" })
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheQueueFlagsCasesWaitingLongerThanPromised() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: one case 4 days old (promised: 72 hours), one fresh and urgent
            let old = try await CommitteeCases.make(app, name: "Oud Geval", createdAt: app.clock.now().addingTimeInterval(-4 * 86400))
            let fresh = try await CommitteeCases.make(app, name: "Nieuw Geval", email: "nieuw@example.nl", urgency: .today)
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT
            let page = try await member.get(FundHelpPath.queue().path)

            // validation: the alert in words, and the urgent case first
            let body = page.body.string
            XCTAssertTrue(body.contains("1 aanvraag wacht langer dan de beloofde 72 uur."), body)
            XCTAssertTrue(body.contains("Te laat"))
            let freshAt = body.range(of: fresh.application.number)!.lowerBound
            let oldAt = body.range(of: old.application.number)!.lowerBound
            XCTAssertLessThan(freshAt, oldAt)
        }
    }

    func testEveryDocumentDownloadIsLoggedAndServedAsAnAttachment() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a granted case (the treasurer reads only those) with a sealed PDF in the data folder
            let made = try await CommitteeCases.make(app)
            made.application.status = "granted"
            made.application.grantedCents = 20_000
            try await made.application.save(on: app.db)
            let pdf = Data("%PDF-1.4 rekening van de huisbaas".utf8)
            let document = try CaseDocuments.write(
                [UploadedForm.FilePart(fileName: "huur.pdf", data: pdf)], app: app, now: app.clock.now())[0]
            document.$application.id = made.id
            try await document.create(on: app.db)
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let treasurer = try await app.makeUser(email: "t@fonds.example.nl", roles: [.treasurer])
            let reader = Browser(app)
            try await reader.logIn(treasurer.email)

            // MUT
            let response = try await member.get(FundHelpPath.adminDocument(.value(made.id), document: .value(document.id!)).path)
            let page = try await reader.get(FundHelpPath.adminCase(.value(made.id)).path)

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(Data(buffer: response.body), pdf)
            XCTAssertEqual(response.headers.first(name: .contentType), "application/pdf")
            XCTAssertTrue(response.headers.first(name: .contentDisposition)?.hasPrefix("attachment") ?? false)
            XCTAssertEqual(response.headers.first(name: .cacheControl), "no-store")
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains("Besluit opslaan"), "the treasurer reads, the committee decides")
            let reads = try await SupportCaseRead.query(on: app.db).filter(\.$application.$id == made.id).sort(\.$readAt).all()
            XCTAssertEqual(reads.map(\.what).sorted(), ["case", "document"])
            XCTAssertEqual(Set(reads.map(\.role)), ["fund_committee", "treasurer"])
            let log = try await member.get(FundHelpPath.accessLog().path)
            XCTAssertTrue(log.body.string.contains(made.application.number))
        }
    }
}
