import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Who reads what, and that it is logged: the treasurer only reads cases to pay, the queue's
/// names are reads too (told apart from openings), and the proposer is told to wait for a
/// second member instead of being offered an "Approve" button.
final class CommitteeAccessTests: XCTestCase {
    func testTheTreasurerReadsOnlyGrantedCases() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: an open case with a document, a granted case, a treasurer, a member who is both
            let open = try await CommitteeCases.make(app)
            let document = try CaseDocuments.write(
                [UploadedForm.FilePart(fileName: "huur.pdf", data: Data("%PDF-1.4 huur".utf8))], app: app, now: app.clock.now())[0]
            document.$application.id = open.id
            try await document.create(on: app.db)
            let granted = try await CommitteeCases.make(app, name: "Amal Haddad", email: "amal@example.nl")
            granted.application.status = "granted"
            granted.application.grantedCents = 20_000
            try await granted.application.save(on: app.db)
            _ = try await app.makeUser(email: "t@fonds.example.nl", roles: [.treasurer])
            let treasurer = Browser(app)
            try await treasurer.logIn("t@fonds.example.nl")
            _ = try await app.makeUser(email: "beide@fonds.example.nl", roles: [.treasurer, .fundCommittee])
            let both = Browser(app)
            try await both.logIn("beide@fonds.example.nl")

            // MUT
            let openPage = try await treasurer.get(FundHelpPath.adminCase(.value(open.id)).path)
            let openDocument = try await treasurer.get(FundHelpPath.adminDocument(.value(open.id), document: .value(document.id!)).path)
            let grantedPage = try await treasurer.get(FundHelpPath.adminCase(.value(granted.id)).path)
            let memberPage = try await both.get(FundHelpPath.adminCase(.value(open.id)).path)

            // validation: the open case does not exist for the treasurer, and nothing was read
            XCTAssertEqual(openPage.status, .notFound)
            XCTAssertFalse(openPage.body.string.contains("Samira"))
            XCTAssertEqual(openDocument.status, .notFound)
            XCTAssertEqual(grantedPage.status, .ok)
            XCTAssertTrue(grantedPage.body.string.contains("Amal Haddad"))
            XCTAssertEqual(memberPage.status, .ok)
            let reads = try await SupportCaseRead.query(on: app.db).all()
            XCTAssertEqual(reads.map(\.role).sorted(), ["fund_committee", "treasurer"])
            XCTAssertEqual(reads.first { $0.role == "treasurer" }?.$application.id, granted.id)
        }
    }

    func testEveryNameInTheQueueIsLoggedAndToldApartFromOpenings() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: three open cases
            let made = try await CommitteeCases.make(app)
            try await CommitteeCases.make(app, name: "Piotr Nowak", phone: "0611223344", email: "piotr@example.pl")
            try await CommitteeCases.make(app, name: "Amal Haddad", phone: "0655667788", email: "amal@example.nl")
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT: the queue twice, then one case opened
            _ = try await member.get(FundHelpPath.queue().path)
            _ = try await member.get(FundHelpPath.queue().path)
            let page = try await member.get(FundHelpPath.adminCase(.value(made.id)).path)

            // validation: one read per row shown per view; the case tells them apart
            let queueReads = try await SupportCaseRead.query(on: app.db).filter(\.$what == "queue").all()
            XCTAssertEqual(queueReads.count, 6)
            XCTAssertTrue(queueReads.allSatisfy { $0.role == "fund_committee" })
            let summary = try await CaseReads.summary(of: made.id, on: app.db)
            XCTAssertEqual(summary.count, 1)
            XCTAssertEqual(summary.first?.role, .fundCommittee)
            XCTAssertEqual(summary.first?.opened, 1)
            XCTAssertEqual(summary.first?.listed, 2)
            let lastRead = try await SupportCaseRead.query(on: app.db).filter(\.$application.$id == made.id).all().map(\.readAt).max()
            XCTAssertEqual(summary.first?.last.timeIntervalSince1970 ?? 0, lastRead?.timeIntervalSince1970 ?? -1, accuracy: 0.001)
            XCTAssertTrue(page.body.string.contains("2 keer getoond in de lijst van de commissie"), page.body.string)
            let log = try await member.get(FundHelpPath.accessLog().path)
            XCTAssertTrue(log.body.string.contains("in de lijst (naam)"))
        }
    }

    func testTheProposerIsToldASecondMemberMustApprove() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: A proposes a grant
            let made = try await CommitteeCases.make(app)
            let a = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let b = try await CommitteeCases.member(app, "b@fonds.example.nl")
            _ = try await a.post(
                FundHelpPath.adminPropose(.value(made.id)).path, CommitteeCases.decision("grant", amount: "100", revision: 0))

            // MUT
            let own = try await a.get(FundHelpPath.adminCase(.value(made.id)).path).body.string
            let other = try await b.get(FundHelpPath.adminCase(.value(made.id)).path).body.string
            let queue = try await b.get(FundHelpPath.queue(filter: "mine").path).body.string

            // validation: no button for the proposer, but the reason; the second member has it
            XCTAssertFalse(own.contains(FundHelpPath.adminApprove(.value(made.id)).path))
            XCTAssertTrue(own.contains("Een tweede commissielid moet het goedkeuren."))
            XCTAssertTrue(own.contains(FundHelpPath.adminSendBack(.value(made.id)).path), "the proposer may still send it back")
            XCTAssertTrue(other.contains(FundHelpPath.adminApprove(.value(made.id)).path))
            XCTAssertFalse(other.contains("Je hebt dit voorstel zelf gedaan."))
            // validation: the filters are one list, the active one marked
            let filters = String(queue[try XCTUnwrap(queue.range(of: "aria-label=\"Welke aanvragen\"")).upperBound...])
            let list = String(filters[..<(filters.range(of: "</nav>")?.lowerBound ?? filters.endIndex)])
            XCTAssertTrue(list.hasPrefix("><ul class=\"nav\">"), list)
            XCTAssertEqual(list.components(separatedBy: "<li>").count - 1, CaseQueue.Filter.allCases.count)
            XCTAssertEqual(list.components(separatedBy: "aria-current=\"page\"").count - 1, 1)
            XCTAssertTrue(list.contains("aria-current=\"page\">Wacht op mijn goedkeuring</a>"), list)
            XCTAssertTrue(queue.contains(made.application.number))
        }
    }

    func testAMessageAfterTheGrantIsMarkedInTheQueue() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a case granted yesterday, and one granted without later news
            let made = try await CommitteeCases.make(app)
            let quiet = try await CommitteeCases.make(app, name: "Amal Haddad", phone: "0655667788", email: "amal@example.nl")
            for decided in [made, quiet] {
                decided.application.status = "granted"
                decided.application.grantedCents = 20_000
                decided.application.decidedAt = app.clock.now().addingTimeInterval(-86_400)
                try await decided.application.save(on: app.db)
            }
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT: the applicant writes a new IBAN on their status page
            let posted = try await PostAnswer(app: app).run(
                applicationID: made.id, body: "Mijn rekening is veranderd.", author: .applicant, user: nil, language: .nl)
            let granted = try await member.get(FundHelpPath.queue(filter: "granted").path).body.string
            let wrote = try await member.get(FundHelpPath.queue(filter: "wrote").path).body.string
            let page = try await member.get(FundHelpPath.adminCase(.value(made.id)).path).body.string

            // validation: marked in the granted list, alone in its own filter; the case page links the cancel form
            XCTAssertEqual(posted, .posted(reopened: false))
            XCTAssertEqual(granted.components(separatedBy: "Schreef na besluit").count - 1, 1, granted)
            XCTAssertTrue(wrote.contains(made.application.number))
            XCTAssertFalse(wrote.contains(quiet.application.number))
            XCTAssertTrue(page.contains(FundHelpPath.adminCancelGrant(.value(made.id)).path))
        }
    }
}
