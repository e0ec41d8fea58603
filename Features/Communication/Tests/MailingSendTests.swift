import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import Communication

/// A mailing reaches exactly its segment (in the SMTP sink when the test script started one),
/// each subscriber once, even when sending stops halfway and starts again; at the configured
/// rate; with nothing in it that loads from elsewhere.
final class MailingSendTests: XCTestCase {
    func testASegmentGetsItExactlyOnceWithItsFooterAndUnsubscribeHeader() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: West and everyone without a district; not Centrum, not pending, not bounced
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("west@example.nl", districts: ["west"], language: .en, app: app)
            try await MailingFixture.subscriber("overal@example.nl", app: app)
            try await MailingFixture.subscriber("centrum@example.nl", districts: ["centrum"], app: app)
            try await MailingFixture.subscriber("wacht@example.nl", districts: ["west"], status: .pending, app: app)
            try await MailingFixture.subscriber("kapot@example.nl", districts: ["west"], bounced: true, app: app)
            let id = try await MailingFixture.mailing(districts: ["west"], by: user, app: app)
            // MUT
            let outcome = try await SendMailing(app: app).run(id: id, expected: 2, by: user)
            try await MailingFixture.drain(app)
            // validation
            XCTAssertEqual(outcome, .started(recipients: 2))
            let west = try MailSink.messages(app: app, to: "west@example.nl")
            XCTAssertEqual(west.count, 1)
            XCTAssertEqual(try MailSink.messages(app: app, to: "overal@example.nl").count, 1)
            for other in ["centrum@example.nl", "wacht@example.nl", "kapot@example.nl"] {
                XCTAssertEqual(try MailSink.messages(app: app, to: other).count, 0, other)
            }
            let mail = try XCTUnwrap(west.first)
            XCTAssertEqual(mail.subject, "Nieuws uit de buurt")
            XCTAssertTrue(mail.html.contains("<strong>buren</strong>"), mail.html)
            XCTAssertTrue(mail.text.contains("het plan (http://kracht.test/plannen)"), mail.text)
            XCTAssertTrue(mail.text.contains("You get this mail because"), "the footer in the subscriber's language")
            XCTAssertTrue(mail.text.contains(MailingsPath.archived(.value(id)).url(on: app)), mail.text)
            XCTAssertTrue(mail.text.contains("http://kracht.test/nieuwsbrief/afmelden/"), "the unsubscribe link: \(mail.text)")
            XCTAssertTrue(mail.raw.contains("List-Unsubscribe: <http://kracht.test/"), mail.raw)
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertEqual(mailing.status, .sent)
            XCTAssertEqual(mailing.total, 2)
            XCTAssertEqual(mailing.sentCount, 2)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "mailing.send").count()
            XCTAssertEqual(audit, 1)
        }
    }

    func testARestartMidMailingSendsNobodyTwoCopies() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: 1,200 subscribers, batches of 500
            let user = try await MailingFixture.coordinator(app)
            var rows: [(name: String, value: String)] = []
            for n in 0..<1200 { rows.append(("s\(n)@example.nl", "")) }
            for row in rows { try await MailingFixture.subscriber(row.name, app: app) }
            let id = try await MailingFixture.started(by: user, reaching: 1200, app: app)
            let job = try await unwrapped(Job.query(on: app.db).filter(\.$kind == MailingSender.kind).first())
            // MUT: the first server hands over one batch and dies; its job is claimed again and two
            // steps run at once
            try await MailingSender.step(payload: job.payload, app: app, maxBatches: 1)
            try await MailingSender.step(payload: job.payload, app: app)
            try await MailingSender.step(payload: job.payload, app: app)
            try await MailingFixture.drain(app)
            // validation: 1,200 messages in the outbox, one per subscriber
            struct Count: Decodable { var n: Int64 }
            let outbox = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM outbox_messages").first(decoding: Count.self)
            XCTAssertEqual(outbox?.n, 1200)
            let distinct = try await app.db.sql.raw("SELECT COUNT(DISTINCT recipient) AS n FROM outbox_messages").first(
                decoding: Count.self)
            XCTAssertEqual(distinct?.n, 1200)
            let handed = try await MailingRecipient.query(on: app.db).filter(\.$status == .handed).count()
            XCTAssertEqual(handed, 1200)
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertEqual(mailing.status, .sent)
            XCTAssertEqual(mailing.sentCount, 1200)
        }
    }

    /// A message claimed by a server that died while sending it is not sent again.
    func testAnInterruptedMailingMessageIsNotSentAgain() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: one message handed over, then marked as being sent and its lease run out
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("een@example.nl", app: app)
            let id = try await MailingFixture.started(by: user, reaching: 1, app: app)
            try await JobWorker(app: app).runDue()
            let message = try await unwrapped(OutboxMessage.query(on: app.db).first())
            message.lastError = OutboxDelivery.sendingMark
            try await message.save(on: app.db)
            // MUT
            let sent = try await app.deliverMail()
            // validation
            XCTAssertEqual(sent, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: "een@example.nl").count, 0)
            let after = try await unwrapped(OutboxMessage.find(message.id, on: app.db))
            XCTAssertEqual(after.status, OutboxMessage.Status.failed.rawValue)
            XCTAssertEqual(after.lastError, OutboxDelivery.interrupted)
        }
    }

    func testAStoppingWorkerFinishesTheMessageItIsSendingAndClaimsNoMore() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: two messages in the outbox; a relay that takes a moment to answer
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("een@example.nl", app: app)
            try await MailingFixture.subscriber("twee@example.nl", app: app)
            let id = try await MailingFixture.started(by: user, reaching: 2, app: app)
            try await JobWorker(app: app).runDue()
            let delivery = OutboxDelivery(app: app, transport: SlowTransport(inner: app.mailTransport))
            // MUT: the server stops (its worker cancelled) while the first message is with the relay
            let worker = Task { try await delivery.deliverDue(limit: 1) }
            try await Task.sleep(for: .milliseconds(100))
            worker.cancel()
            let sent = try await worker.value
            let stopping = Task { () async throws -> Int in
                while !Task.isCancelled { await Task.yield() }
                return try await delivery.deliverDue()
            }
            stopping.cancel()
            let claimedWhileStopping = try await stopping.value
            // validation: the first went out once and is marked sent (not retried later as a
            // second copy); the second is still pending and unclaimed for the next server
            XCTAssertEqual(sent, 1)
            XCTAssertEqual(claimedWhileStopping, 0)
            let messages = try await OutboxMessage.query(on: app.db).all()
            XCTAssertEqual(messages.map(\.status).sorted(), [OutboxMessage.Status.pending.rawValue, OutboxMessage.Status.sent.rawValue])
            XCTAssertNil(messages.first { $0.status == OutboxMessage.Status.pending.rawValue }?.lockedBy)
            let delivered =
                try MailSink.messages(app: app, to: "een@example.nl").count + MailSink.messages(app: app, to: "twee@example.nl").count
            XCTAssertEqual(delivered, 1)
        }
    }

    func testTheRateStaggersTheMessages() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: 60 per minute, 3 subscribers
            app.config.mailingRate = 60
            let user = try await MailingFixture.coordinator(app)
            for n in 0..<3 { try await MailingFixture.subscriber("r\(n)@example.nl", app: app) }
            let id = try await MailingFixture.started(by: user, reaching: 3, app: app)
            // MUT
            try await JobWorker(app: app).runDue()
            let first = try await app.deliverMail()
            app.clock.advance(by: 1)
            let second = try await app.deliverMail()
            app.clock.advance(by: 1)
            let third = try await app.deliverMail()
            // validation: one a second
            XCTAssertEqual([first, second, third], [1, 1, 1])
        }
    }

    func testHostileMarkdownLeavesNothingInTheMail() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("lezer@example.nl", app: app)
            let body = """
                Hallo <script>alert('x')</script> buren.

                <img src="http://tracker.example/p.gif?u=1" onerror="alert(1)">
                ![pixel](http://tracker.example/q.gif)

                [klik](javascript:alert(1)) en [data](data:text/html,<b>x</b>)

                <style>@import url(http://tracker.example/s.css);</style>
                <iframe src="http://tracker.example/f"></iframe>
                <a href="http://tracker.example/a" onclick="x()">a</a>
                """
            let id = try await MailingFixture.started(body: body, by: user, reaching: 1, app: app)
            // MUT
            try await MailingFixture.drain(app)
            // validation
            let mail = try XCTUnwrap(try MailSink.messages(app: app, to: "lezer@example.nl").first)
            for part in [mail.html, mail.text] {
                for bad in [
                    "tracker", "<script", "alert", "javascript:", "data:", "@import", "<img", "<iframe", "onerror", "onclick", "<style",
                ] {
                    XCTAssertFalse(part.lowercased().contains(bad), "\(bad) in \(part)")
                }
            }
            XCTAssertTrue(mail.html.contains("pixel"), "an image becomes its alt text")
            XCTAssertTrue(mail.html.contains("klik"))
        }
    }

    func testTheTestMailGoesToTheCoordinatorOnly() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("abonnee@example.nl", app: app)
            let id = try await MailingFixture.mailing(by: user, app: app)
            // MUT
            let outcome = try await SendTestMailing(app: app).run(id: id, to: user, language: .nl)
            try await app.deliverMail()
            // validation
            XCTAssertEqual(outcome, .sent(to: "coordinator@example.nl"))
            let mail = try XCTUnwrap(try MailSink.messages(app: app, to: "coordinator@example.nl").first)
            XCTAssertEqual(mail.subject, "[TEST] Nieuws uit de buurt")
            XCTAssertEqual(try MailSink.messages(app: app, to: "abonnee@example.nl").count, 0)
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertEqual(mailing.status, .draft)
        }
    }

    func testABouncedAddressIsSkippedNextTime() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: the relay refuses one address for good
            app.config.mailingRate = 0  // both due at once
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("weg@example.nl", app: app)
            try await MailingFixture.subscriber("blijft@example.nl", app: app)
            let id = try await MailingFixture.started(by: user, reaching: 2, app: app)
            try await JobWorker(app: app).runDue()
            let refusing = RefusingTransport(refused: "weg@example.nl", inner: app.mailTransport)
            // MUT
            try await OutboxDelivery(app: app, transport: refusing).deliverDue(limit: 10)
            let next = try await MailingFixture.mailing(subject: "Tweede", by: user, app: app)
            let outcome = try await SendMailing(app: app).run(id: next, expected: 1, by: user)
            // validation
            let failed = try await OutboxMessage.query(on: app.db).all().map { "\($0.status) \($0.lastError ?? "")" }
            XCTAssertEqual(outcome, .started(recipients: 1), "\(failed)")
            let bounced = try await NewsletterSubscriber.find(mailbox: "weg@example.nl", on: app.db)
            XCTAssertNotNil(bounced?.bouncedAt)
        }
    }
}

/// A relay that refuses one address with a permanent 550 and passes the rest on.
struct RefusingTransport: MailTransport {
    let refused: String
    let inner: any MailTransport

    func send(_ mail: RenderedMail) async throws {
        if mail.recipients.contains(refused) { throw SMTPError(kind: .reply, code: 550, message: "no such user", command: "RCPT TO") }
        try await inner.send(mail)
    }
}

/// A relay that answers after 300 ms; the wait ends early if the sending task is cancelled,
/// as a real SMTP conversation is cut off.
struct SlowTransport: MailTransport {
    let inner: any MailTransport

    func send(_ mail: RenderedMail) async throws {
        try await Task.sleep(for: .milliseconds(300))
        try await inner.send(mail)
    }
}
