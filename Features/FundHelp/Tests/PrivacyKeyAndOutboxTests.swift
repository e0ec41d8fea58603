import Crypto
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import FundHelp

/// The fund's key is required in production, and an applicant's e-mail address never sits in
/// the outbox in the clear: sealed while the news mail waits, forgotten once it is sent.
final class PrivacyKeyAndOutboxTests: XCTestCase {
    func testProductionRefusesToStartWithoutTheFundKey() async throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["KRACHT_FUND_KEY"] != nil, "KRACHT_FUND_KEY is set in this environment")
        // setup
        let app = try await Application.make(.production)

        // MUT + validation: the feature's start throws, naming the variable and how to make a key
        XCTAssertThrowsError(try FundHelpFeature().routes(app.routes, app: app)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("KRACHT_FUND_KEY"), message)
            XCTAssertTrue(message.contains("openssl rand -base64 32"), message)
        }
        // … while a key that is not 32 bytes of base64 is refused too
        XCTAssertThrowsError(
            try ApplicantVault.sealer(configured: "2:short", environment: .production, secret: SymmetricKey(size: .bits256)))
        let sealer = try ApplicantVault.sealer(
            configured: PrivacyCases.key(), environment: .production, secret: SymmetricKey(size: .bits256))
        XCTAssertEqual(sealer.keys.map(\.version), [1], "one bare key is version 1")
        try await app.asyncShutdown()
    }

    func testTheNewsMailsAddressIsSealedInTheOutboxAndForgottenOnceSent() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let application = try await PrivacyCases.make(app, email: "geheim.adres@example.nl", document: nil)

            // MUT: there is news
            try await app.db.writeTransaction { db in try await CaseNews.tell(application, app: app, on: db) }

            // validation: the row holds no address
            let queued = try await app.db.sql.raw("SELECT recipient, subject, context FROM outbox_messages").all()
            XCTAssertEqual(queued.count, 1)
            let recipient = try queued[0].decode(column: "recipient", as: String.self)
            XCTAssertFalse(recipient.contains("@"))
            XCTAssertFalse(recipient.contains("geheim"))

            // MUT: the worker sends it
            let sent = try await app.deliverMail()

            // validation: it reached the applicant, and the row forgot the address
            XCTAssertEqual(sent, 1)
            let mails = try MailSink.messages(app: app, to: "geheim.adres@example.nl")
            XCTAssertEqual(mails.count, 1)
            XCTAssertFalse(mails[0].subject.contains(application.number), "the subject names no case")
            let row = try await OutboxMessage.query(on: app.db).first()
            XCTAssertEqual(row?.status, "sent")
            XCTAssertEqual(row?.recipient, "")
        }
    }
}
