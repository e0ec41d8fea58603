import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// A referrer follows the cases they applied for, and only those: another referrer's case is
/// "not found"; every look at a case is in the access log; the referrer answers a question.
final class ReferrerCaseTests: XCTestCase {
    func testAReferrerSeesAndAnswersOnlyTheirOwnCases() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: Joke applies for someone
            let joke = try await app.makeUser(name: "Joke", email: "joke@buurtteam.nl", roles: [.referrer])
            _ = try await app.makeUser(name: "Kees", email: "kees@wijkcentrum.nl", roles: [.referrer])
            let browser = Browser(app)
            try await browser.logIn("joke@buurtteam.nl")
            var fields = ApplyForms.valid()
            fields["organisation"] = "Buurtteam Noord"
            let applied = try await ApplyForms.post(browser, fields)
            XCTAssertEqual(applied.status, .seeOther, applied.body.string)
            let applicationRow = try await SupportApplication.query(on: app.db).first()
            let application = try XCTUnwrap(applicationRow)
            let casePath = FundHelpPath.referrerCase(.value(application.id!)).path

            // MUT: her list and the case
            let list = try await browser.get(FundHelpPath.referrerCases.path)
            let page = try await browser.get(casePath)

            // validation
            XCTAssertTrue(list.body.string.contains(application.number))
            XCTAssertTrue(list.body.string.contains("Fatima El Amrani"))
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Een slaapplek voor een week"))
            let reads = try await SupportCaseRead.query(on: app.db).all()
            XCTAssertEqual(reads.map(\.role), ["referrer"])
            XCTAssertEqual(reads.map(\.what), ["referrer_case"])
            XCTAssertEqual(reads.map(\.userID), [joke.id!])

            // another referrer: not found, nothing in their list, nothing logged
            let kees = Browser(app)
            try await kees.logIn("kees@wijkcentrum.nl")
            let refused = try await kees.get(casePath)
            XCTAssertEqual(refused.status, .notFound)
            let keesAnswer = try await kees.post(FundHelpPath.referrerMessage(.value(application.id!)).path, ["body": "hallo"])
            XCTAssertEqual(keesAnswer.status, .notFound)
            let keesList = try await kees.get(FundHelpPath.referrerCases.path)
            XCTAssertFalse(keesList.body.string.contains(application.number))
            let readCount = try await SupportCaseRead.query(on: app.db).count()
            XCTAssertEqual(readCount, 1)

            // the committee asks; Joke answers and the case is back with the committee
            application.status = SupportApplication.Status.question.rawValue
            try await application.save(on: app.db)
            let answer = try await browser.post(
                FundHelpPath.referrerMessage(.value(application.id!)).path, ["body": "Ze kan volgende week bij haar zus terecht."])
            XCTAssertEqual(answer.status, .seeOther)
            let reopened = try await SupportApplication.find(application.id, on: app.db)
            XCTAssertEqual(reopened?.statusValue, .received)
            let messageRow = try await SupportMessage.query(on: app.db).first()
            let message = try XCTUnwrap(messageRow)
            XCTAssertEqual(message.author, "referrer")
            XCTAssertEqual(message.userID, joke.id)
            XCTAssertEqual(
                try app.fundSealer.open(message.bodySealed!, context: ApplicantVault.Context.message),
                "Ze kan volgende week bij haar zus terecht.")
        }
    }
}
