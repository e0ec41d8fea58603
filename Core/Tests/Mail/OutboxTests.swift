import Fluent
import KrachtCore
import KrachtTesting
import NIOCore
import NIOPosix
import Vapor
import XCTest

final class OutboxTests: XCTestCase {
    func testMailIsWrittenWithItsChangeAndNotWhenTheChangeRollsBack() async throws {
        try await withApp { app in
            try? await app.db.transaction { db in
                try await app.mailer.enqueue(
                    to: "a@example.nl", language: .nl, subjectKey: "mail.confirm.subject",
                    view: "mail/confirm-email", context: ["name": "A", "link": "http://kracht.test/x"], on: db)
                throw Abort(.conflict)
            }
            let afterRollback = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(afterRollback, 0)

            try await app.mailer.enqueue(
                to: "b@example.nl", language: .en, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: ["name": "Bo", "link": "http://kracht.test/y"], on: app.db)
            let stored = try await OutboxMessage.query(on: app.db).first()
            let message = try XCTUnwrap(stored)
            XCTAssertEqual(message.subject, "Confirm your email address")
            let raw = try await app.mailer.render(message)
            let mail = MailSink.parse(raw)
            XCTAssertTrue(mail.text.contains("Hello Bo,"), "in the recipient's language")
            XCTAssertTrue(mail.html.contains("<html lang=\"en\" dir=\"ltr\">"))
            XCTAssertTrue(raw.contains("Content-Language: en"))
        }
    }

    func testDeliversToTheSMTPSink() async throws {
        guard ProcessInfo.processInfo.environment["KRACHT_TEST_SMTP_PORT"] != nil else { throw XCTSkip("no SMTP sink started") }
        try await withApp { app in
            try await app.mailer.enqueue(
                to: "sink@example.nl", language: .nl, subjectKey: "mail.reset.subject",
                view: "mail/reset-password", context: ["name": "Zoë", "link": "http://kracht.test/r"],
                listUnsubscribe: "http://kracht.test/afmelden/abc", on: app.db)
            let queued = try await OutboxMessage.query(on: app.db).all()
            XCTAssertFalse(
                queued.contains { ($0.listUnsubscribe ?? "").contains("afmelden") || $0.context.contains("afmelden") },
                "the unsubscribe link is sealed like the others")
            let delivered = try await app.deliverMail()
            XCTAssertEqual(delivered, 1)
            let mail = try XCTUnwrap(MailSink.messages(app: app, to: "sink@example.nl").last)
            XCTAssertEqual(mail.subject, "Een nieuw wachtwoord kiezen")
            XCTAssertTrue(mail.text.contains("Hallo Zoë,"))
            XCTAssertTrue(mail.raw.contains("List-Unsubscribe: <http://kracht.test/afmelden/abc>"))
            let sent = try await OutboxMessage.query(on: app.db).filter(\.$status == "sent").count()
            XCTAssertEqual(sent, 1)
        }
    }

    func testRetriesWithBackoffWhileTheRelayIsDownThenDelivers() async throws {
        try await withApp { app in
            // setup: a relay port where nothing listens
            let closedPort = try await unusedPort()
            let down = SMTPTransport(configuration: .init(host: "127.0.0.1", port: closedPort, security: .plain))
            try await app.mailer.enqueue(
                to: "retry@example.nl", language: .nl, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: ["name": "R", "link": "http://kracht.test/c"], on: app.db)

            // MUT: the relay is down
            let whileDown = try await OutboxDelivery(app: app, transport: down).deliverDue()
            XCTAssertEqual(whileDown, 0)
            let afterFirstTry = try await OutboxMessage.query(on: app.db).first()
            var message = try XCTUnwrap(afterFirstTry)
            XCTAssertEqual(message.status, "pending")
            XCTAssertEqual(message.attempts, 1)
            XCTAssertNotNil(message.lastError)
            let tooSoon = try await OutboxDelivery(app: app, transport: down).deliverDue()
            XCTAssertEqual(tooSoon, 0, "not due again before the backoff")

            app.clock.advance(by: 2)
            let secondTry = try await OutboxDelivery(app: app, transport: down).deliverDue()
            XCTAssertEqual(secondTry, 0)
            let afterSecondTry = try await OutboxMessage.query(on: app.db).first()
            message = try XCTUnwrap(afterSecondTry)
            XCTAssertEqual(message.attempts, 2)
            XCTAssertGreaterThan(message.nextAttemptAt, app.clock.now().addingTimeInterval(1), "backoff doubles")

            // the relay is back
            app.clock.advance(by: 3)
            let relayBack = try await app.deliverMail()
            XCTAssertEqual(relayBack, 1)
            let afterDelivery = try await OutboxMessage.query(on: app.db).first()
            message = try XCTUnwrap(afterDelivery)
            XCTAssertEqual(message.status, "sent")
            XCTAssertEqual(try MailSink.messages(app: app, to: "retry@example.nl").count, 1)
        }
    }

    func testPersonalMailGoesBeforeAMailingThatIsDueAtOnce() async throws {
        try await withApp { app in
            app.atMostOnceMailViews = ["mail/confirm-email-bulk"]
            for n in 0..<3 {
                let bulk = try app.mailer.compose(
                    to: "lid\(n)@example.nl", language: .nl, subjectKey: "mail.confirm.subject", view: "mail/confirm-email-bulk",
                    context: ["name": "L", "link": "x"])
                try await PendingMail.insert([bulk], now: app.clock.now(), on: app.db)
            }
            app.clock.advance(by: 1)
            try await app.mailer.enqueue(
                to: "nieuw@example.nl", language: .nl, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: ["name": "N", "link": "x"], on: app.db)
            let delivery = OutboxDelivery(app: app, transport: FileTransport(directory: app.config.dataDirectory + "/mail"))
            let sent = try await delivery.deliverDue(limit: 1)
            XCTAssertEqual(sent, 1)
            let first = try await OutboxMessage.query(on: app.db).filter(\.$status == "sent").all()
            XCTAssertEqual(first.map(\.recipient), ["nieuw@example.nl"], "the confirmation link, though written last")
        }
    }

    func testGivesUpAfterTheLastAttempt() async throws {
        try await withApp { app in
            let down = SMTPTransport(configuration: .init(host: "127.0.0.1", port: try await unusedPort(), security: .plain))
            try await app.mailer.enqueue(
                to: "never@example.nl", language: .nl, subjectKey: "mail.confirm.subject",
                view: "mail/confirm-email", context: ["name": "N", "link": "x"], on: app.db)
            for _ in 0..<app.config.mail.maxAttempts {
                try await OutboxDelivery(app: app, transport: down).deliverDue()
                app.clock.advance(by: 3700)
            }
            let exhausted = try await OutboxMessage.query(on: app.db).first()
            let message = try XCTUnwrap(exhausted)
            XCTAssertEqual(message.status, "failed")
            let nothingLeft = try await app.deliverMail()
            XCTAssertEqual(nothingLeft, 0)
        }
    }

    func testAnUnsubscribeLinkThatIsNotAPlainWebAddressAddsNoHeader() async throws {
        try await withApp { app in
            // setup: a link that would end the header and add one
            try await app.mailer.enqueue(
                to: "kop@example.nl", language: .nl, subjectKey: "mail.reset.subject", view: "mail/reset-password",
                context: ["name": "Zoë", "link": "http://kracht.test/r"],
                listUnsubscribe: "http://kracht.test/a>\r\nBcc: iedereen@example.nl", on: app.db)

            // MUT
            let first = try await OutboxMessage.query(on: app.db).first()
            let message = try XCTUnwrap(first)
            let raw = try await app.mailer.render(message)

            // validation
            XCTAssertFalse(raw.contains("List-Unsubscribe"))
            XCTAssertFalse(raw.contains("Bcc:"))
        }
    }
}
