import Fluent
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import KrachtCore

/// The outbox never holds a working link longer than it must: sealed while queued, erased
/// once sent or failed for good, and failed rows are purged like sent ones.
final class OutboxPrivacyTests: XCTestCase {
    let secret = "tk-9f8e7d6c5b4a"

    func testAQueuedConfirmationHoldsNoLinkAndForgetsItsContextOnceSent() async throws {
        try await withApp { app in
            // setup
            try await app.mailer.enqueue(
                to: "lid@example.nl", language: .nl, subjectKey: "mail.confirm.subject", view: "mail/confirm-email",
                context: ["name": "Lid", "link": "http://kracht.test/account/bevestigen/\(secret)"], on: app.db)

            // validation: the raw row, as a backup would copy it
            let queued = try await Self.rawContext(app)
            XCTAssertFalse(queued.contains(secret), "no secret in the stored row")
            XCTAssertFalse(queued.contains("kracht.test"), "no link in the stored row")
            XCTAssertFalse(queued.contains("Lid"), "the whole context is sealed")

            // MUT: the worker sends it
            let sent = try await app.deliverMail()

            // validation: the link reached the recipient, and the row kept only what support needs
            XCTAssertEqual(sent, 1)
            let link = try MailSink.link(app: app, to: "lid@example.nl", for: CorePath.confirmEmail(.key))
            XCTAssertEqual(link, CorePath.confirmEmail(.value(secret)).path)
            let afterSending = try await Self.rawContext(app)
            XCTAssertEqual(afterSending, "")
            let row = try await OutboxMessage.query(on: app.db).first()
            let message = try XCTUnwrap(row)
            XCTAssertEqual(message.status, "sent")
            XCTAssertEqual(message.recipient, "lid@example.nl")
            XCTAssertEqual(message.subject, "Bevestig je e-mailadres")
        }
    }

    func testAFailedMessageLosesItsContextAndIsPurgedAMonthAfterItsLastAttempt() async throws {
        try await withApp { app in
            // setup: a relay that is never there
            let down = SMTPTransport(configuration: .init(host: "127.0.0.1", port: try await unusedPort(), security: .plain))
            try await app.mailer.enqueue(
                to: "weg@example.nl", language: .nl, subjectKey: "mail.reset.subject", view: "mail/reset-password",
                context: ["name": "Weg", "link": "http://kracht.test/wachtwoord/\(secret)"], on: app.db)
            for _ in 0..<app.config.mail.maxAttempts {
                try await OutboxDelivery(app: app, transport: down).deliverDue()
                app.clock.advance(by: 3700)
            }
            let failed = try await OutboxMessage.query(on: app.db).first()
            XCTAssertEqual(failed?.status, "failed")
            let context = try await Self.rawContext(app)
            XCTAssertEqual(context, "", "a failed message is never sent again: its link goes")

            // MUT: the daily purge within the month, then after it
            app.clock.advance(by: 28 * 86400)
            try await RetentionPurge.run(app)
            let withinTheMonth = try await OutboxMessage.query(on: app.db).count()
            app.clock.advance(by: 2 * 86400)
            try await RetentionPurge.run(app)
            let afterTheMonth = try await OutboxMessage.query(on: app.db).count()

            // validation
            XCTAssertEqual(withinTheMonth, 1, "kept a month for support questions")
            XCTAssertEqual(afterTheMonth, 0)
        }
    }

    func testAMessageQueuedBeforeContextsWereSealedStillGoesOut() async throws {
        try await withApp { app in
            // setup: a row as the previous version wrote it, with plain JSON
            var mail = try app.mailer.compose(
                to: "oud@example.nl", language: .en, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: [:])
            mail.context = #"{"name":"Oud","link":"http://kracht.test/account/bevestigen/old"}"#
            try await PendingMail.insert([mail], now: app.clock.now(), on: app.db)

            // MUT
            let sent = try await app.deliverMail()

            // validation
            XCTAssertEqual(sent, 1)
            let delivered = try MailSink.messages(app: app, to: "oud@example.nl").last
            XCTAssertTrue(delivered?.text.contains("Hello Oud,") ?? false)
        }
    }

    /// The context column as stored, without the model in between.
    static func rawContext(_ app: Application) async throws -> String {
        let row = try await app.db.sql.raw("SELECT context FROM outbox_messages").first()
        return try XCTUnwrap(row).decode(column: "context", as: String.self)
    }
}
