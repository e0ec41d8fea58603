import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTest

@testable import FundHelp

/// An account holder's export and erasure: a referrer gets the cases they referred as numbers
/// and dates (never the applicant's data, which is the applicant's), a committee member their
/// reads and decisions; erasing the referrer's account keeps the case, without the link.
final class PrivacyAccountDataTests: XCTestCase {
    func testAReferrersExportHoldsCaseNumbersAndTheirErasureKeepsTheCase() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a referred case with the referrer's message, read by a committee member
            let referrer = try await app.makeUser(name: "Vera Verwijzer", email: "vera@example.nl", roles: [.referrer])
            let member = try await app.makeUser(name: "Kees Commissie", email: "kees@example.nl", roles: [.fundCommittee])
            let application = try await PrivacyCases.make(app, name: "Samira Achternaam")
            application.referrerID = try referrer.requireID()
            application.channel = "referrer"
            try await application.save(on: app.db)
            let message = try await SupportMessage.query(on: app.db).filter(\.$application.$id == application.requireID()).first()
            message?.author = "referrer"
            message?.userID = try referrer.requireID()
            try await message?.save(on: app.db)
            try await CaseReads.record(application, by: member, role: .fundCommittee, what: "case", on: app.db)
            let decision = try await SupportDecision.query(on: app.db).filter(\.$application.$id == application.requireID()).first()
            decision?.proposedBy = try member.requireID()
            try await decision?.save(on: app.db)

            // MUT: both exports
            let referrerExport = try await AccountData(app: app).export(of: referrer)
            let memberExport = try await AccountData(app: app).export(of: member)

            // validation: the case by number, never the applicant's name or details
            let referrerJSON = String(decoding: try JSONEncoder().encode(referrerExport), as: UTF8.self)
            XCTAssertTrue(referrerJSON.contains(application.number))
            XCTAssertFalse(referrerJSON.contains("Samira"))
            XCTAssertFalse(referrerJSON.contains("1234"))
            let memberJSON = String(decoding: try JSONEncoder().encode(memberExport), as: UTF8.self)
            XCTAssertTrue(memberJSON.contains("\"case_reads\""))
            XCTAssertTrue(memberJSON.contains("\"proposed\""))
            XCTAssertTrue(memberJSON.contains(application.number))
            XCTAssertFalse(memberJSON.contains("Samira"))

            // MUT: the referrer's account is erased
            let referrerID = try referrer.requireID()
            try await app.db.writeTransaction { db in
                for feature in app.features { try await feature.eraseData(of: referrer, on: db) }
            }

            // validation: the case and the message stay, without the account
            let keptRow = try await SupportApplication.find(application.requireID(), on: app.db)
            let kept = try XCTUnwrap(keptRow)
            XCTAssertNil(kept.referrerID)
            XCTAssertNotNil(kept.nameSealed, "the case is the applicant's: it stays")
            let messages = try await SupportMessage.query(on: app.db).filter(\.$userID == referrerID).count()
            XCTAssertEqual(messages, 0)
            let reads = try await SupportCaseRead.query(on: app.db).filter(\.$userID == member.requireID()).count()
            XCTAssertEqual(reads, 1, "the access log is not the referrer's to erase")
        }
    }
}
