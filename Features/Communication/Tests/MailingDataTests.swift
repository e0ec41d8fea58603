import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import Communication

/// The mailings' data duties: export, erasure, retention purge, verify and the demo.
final class MailingDataTests: XCTestCase {
    func testExportAndErasureOfTheAuthorAndOfARecipient() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: the coordinator wrote a mailing that went to two subscribers, one of whom
            // has an account and is erased
            let user = try await MailingFixture.coordinator(app)
            let yusuf = try await app.makeUser(name: "Yusuf", email: "yusuf@example.nl")
            try await MailingFixture.subscriber("yusuf@example.nl", app: app)
            try await MailingFixture.subscriber("iris@example.nl", app: app)
            let id = try await MailingFixture.started(subject: "Buurtnieuws", by: user, reaching: 2, app: app)
            try await MailingFixture.drain(app)
            let feature = CommunicationFeature()

            // MUT: export of the author
            let exported = try await feature.exportData(of: user, app: app)
            // validation
            let text = String(describing: exported)
            XCTAssertTrue(text.contains("Buurtnieuws"), text)
            XCTAssertTrue(text.contains("finished_at"), text)
            XCTAssertFalse(text.contains("iris@example.nl"), "no recipients in the author's export")

            // MUT: erasure of the recipient, then of the author
            try await feature.eraseData(of: yusuf, app: app, on: app.db)
            try await feature.eraseData(of: user, app: app, on: app.db)
            // validation: the mailing stays without author; only Iris's recipient row is left
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertNil(mailing.createdBy)
            XCTAssertEqual(mailing.status, .sent)
            let left = try await MailingRecipient.query(on: app.db).filter(\.$mailingID == id).all()
            XCTAssertEqual(left.count, 1)
            let iris = try await NewsletterSubscriber.find(mailbox: "iris@example.nl", on: app.db)
            XCTAssertEqual(left.first?.subscriberID, iris?.id)
            let afterwards = try await feature.exportData(of: user, app: app)
            XCTAssertNil(afterwards.flatMap { String(describing: $0).contains("Buurtnieuws") ? $0 : nil })
            let problems = try await Mailings().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnErasedRecipientDoesNotHoldASendingMailing() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: the snapshot is taken, nothing handed over yet
            let user = try await MailingFixture.coordinator(app)
            let person = try await app.makeUser(name: "Noor", email: "noor@example.nl")
            try await MailingFixture.subscriber("noor@example.nl", app: app)
            try await MailingFixture.subscriber("daan@example.nl", app: app)
            let id = try await MailingFixture.started(by: user, reaching: 2, app: app)
            // MUT
            try await CommunicationFeature().eraseData(of: person, app: app, on: app.db)
            try await MailingFixture.drain(app)
            // validation: Daan got it, Noor did not, and the mailing finished
            XCTAssertEqual(try MailSink.messages(app: app, to: "daan@example.nl").count, 1)
            XCTAssertEqual(try MailSink.messages(app: app, to: "noor@example.nl").count, 0)
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertEqual(mailing.status, .sent)
            XCTAssertEqual(mailing.sentCount, 1)
        }
    }

    func testRecipientsGoNinetyDaysAfterSending() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: one mailing sent now
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("a@example.nl", app: app)
            let id = try await MailingFixture.started(by: user, reaching: 1, app: app)
            try await MailingFixture.drain(app)
            let feature = Mailings()
            // MUT: 89 days later, then 91
            try await feature.purgeExpired(now: app.clock.now().addingTimeInterval(89 * 24 * 3600), app: app)
            let kept = try await MailingRecipient.query(on: app.db).filter(\.$mailingID == id).count()
            try await feature.purgeExpired(now: app.clock.now().addingTimeInterval(91 * 24 * 3600), app: app)
            let purged = try await MailingRecipient.query(on: app.db).filter(\.$mailingID == id).count()
            // validation: the mailing and its counts stay
            XCTAssertEqual(kept, 1)
            XCTAssertEqual(purged, 0)
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertEqual(mailing.sentCount, 1)
            XCTAssertEqual(mailing.total, 1)
        }
    }

    func testVerifyFindsMoreRecipientsThanTheSnapshotAndQueuedOnesOfASentMailing() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: a sent mailing to one subscriber
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("a@example.nl", app: app)
            let b = try await MailingFixture.subscriber("b@example.nl", app: app)
            let id = try await MailingFixture.started(subject: "Kapot", by: user, reaching: 2, app: app)
            try await MailingFixture.drain(app)
            let clean = try await Mailings().verify(app: app)
            XCTAssertEqual(clean, [])
            // MUT: the snapshot count is lowered and a recipient queued again behind its back
            try await app.db.sql.raw("UPDATE mailings SET total = 1 WHERE id = \(bind: id)").run()
            try await app.db.sql.raw(
                "UPDATE mailing_recipients SET status = 'queued' WHERE mailing_id = \(bind: id) AND subscriber_id = \(bind: try b.requireID())"
            ).run()
            let problems = try await Mailings().verify(app: app)
            // validation
            XCTAssertEqual(problems.count, 2, "\(problems)")
            XCTAssertTrue(problems.contains { $0.contains("Kapot") && $0.contains("more than its snapshot") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.contains("still queued") }, "\(problems)")
        }
    }

    func testTheDemoHasOneSentMailingInTheArchiveAndOneDraft() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let people = try await DemoPeople.create(app: app)
            // MUT
            for feature in app.features { try await feature.seedDemo(app: app, people: people) }
            for feature in app.features { try await feature.seedDemo(app: app, people: people) }
            // validation: one of each, even when seeded twice; the sent one is in the archive
            let mailings = try await Mailing.query(on: app.db).all()
            XCTAssertEqual(mailings.count, 2)
            let sent = try XCTUnwrap(mailings.first { $0.status == .sent })
            XCTAssertNotNil(mailings.first { $0.status == .draft })
            XCTAssertGreaterThan(sent.total, 0)
            XCTAssertEqual(sent.createdBy, people.coordinator.id)
            let archive = try await Browser(app).get(MailingsPath.archive.path)
            XCTAssertEqual(archive.status, .ok)
            XCTAssertTrue(archive.body.string.contains("de eerste honderd dagen"), archive.body.string)
            let page = try await Browser(app).get(MailingsPath.archived(.value(try sent.requireID())).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("buurtontbijt"))
            XCTAssertFalse(page.body.string.contains("@"), "nothing personal in the archive")
            let problems = try await Mailings().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
