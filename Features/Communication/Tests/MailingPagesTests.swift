import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Communication

/// The coordinators' pages: bad input changes nothing and says why; the reach, the preview and
/// the confirmation name the count; others get 403; the archive shows only what was sent.
final class MailingPagesTests: XCTestCase {
    func testBadInputIsRefusedWithAMessageAndNothingStored() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            _ = try await MailingFixture.coordinator(app)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            let huge = String(repeating: "a", count: 1_000_000)
            let cases: [([String: String], String)] = [
                (["subject": "", "body": "Tekst"], "Vul een onderwerp in."),
                (["subject": "Onderwerp", "body": huge], "Fout:"),
                (["subject": "Onderwerp", "body": "Tekst", "district": "atlantis"], "Kies stadsdelen uit de lijst."),
                (["subject": "<script>alert(1)</script>", "body": ""], "Schrijf de tekst van de mailing."),
            ]
            for (form, message) in cases {
                // MUT
                let response = try await browser.post(MailingsPath.new.path, form)
                // validation
                XCTAssertEqual(response.status, .unprocessableEntity)
                XCTAssertTrue(response.body.string.contains(message), message)
                XCTAssertFalse(response.body.string.contains("<script>alert"))
            }
            let stored = try await Mailing.query(on: app.db).count()
            XCTAssertEqual(stored, 0)
        }
    }

    func testWriteSeeTheReachPreviewConfirmAndSend() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            _ = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("a@example.nl", districts: ["west"], app: app)
            try await MailingFixture.subscriber("b@example.nl", districts: ["centrum"], app: app)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            // MUT
            let created = try await browser.post(
                MailingsPath.new.path, ["subject": "Buurtnieuws", "body": "# Kop\nTekst", "district": "west"])
            let location = try XCTUnwrap(created.location)
            let edit = try await browser.get(location)
            let id = try await unwrapped(Mailing.query(on: app.db).first()?.requireID())
            let preview = try await browser.get(MailingsPath.preview(.value(id)).path)
            let confirm = try await browser.get(MailingsPath.send(.value(id)).path)
            let sent = try await browser.post(MailingsPath.send(.value(id)).path, ["count": "1"])
            let again = try await browser.post(MailingsPath.send(.value(id)).path, ["count": "1"])
            try await MailingFixture.drain(app)
            let archive = try await browser.get(MailingsPath.archive.path)
            let archived = try await Browser(app).get(MailingsPath.archived(.value(id)).path)
            // validation
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertTrue(edit.body.string.contains("Deze mailing bereikt 1 abonnee."), edit.body.string)
            XCTAssertTrue(preview.body.string.contains("<h2>Kop</h2>"))
            XCTAssertTrue(confirm.body.string.contains("naar 1 abonnee?"))
            XCTAssertEqual(sent.status, .seeOther)
            XCTAssertEqual(again.status, .seeOther)
            let recipients = try await MailingRecipient.query(on: app.db).count()
            XCTAssertEqual(recipients, 1, "a second post sends nothing")
            XCTAssertEqual(try MailSink.messages(app: app, to: "a@example.nl").count, 1)
            XCTAssertTrue(archive.body.string.contains("Buurtnieuws"))
            XCTAssertEqual(archived.status, .ok)
            XCTAssertFalse(archived.body.string.contains("a@example.nl"))
        }
    }

    func testASendWithoutTheConfirmedCountAsksTheQuestionAndSendsNothing() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: a draft that reaches one subscriber
            let coordinator = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("a@example.nl", app: app)
            let id = try await MailingFixture.mailing(by: coordinator, app: app)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            for form in [[:], ["count": ""], ["count": "een"]] as [[String: String]] {
                // MUT
                let response = try await browser.post(MailingsPath.send(.value(id)).path, form)
                // validation: the confirmation page, naming the reach, and nothing sent
                XCTAssertEqual(response.status, .ok, "\(form)")
                XCTAssertTrue(response.body.string.contains("naar 1 abonnee?"), response.body.string)
                XCTAssertTrue(response.body.string.contains("name=\"count\" value=\"1\""))
            }
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            XCTAssertEqual(mailing.status, .draft)
            let recipients = try await MailingRecipient.query(on: app.db).count()
            XCTAssertEqual(recipients, 0)
        }
    }

    func testOthersAreRefused() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let coordinator = try await MailingFixture.coordinator(app)
            let id = try await MailingFixture.mailing(by: coordinator, app: app)
            _ = try await app.makeUser(name: "Bewoner", email: "bewoner@example.nl")
            let browser = Browser(app)
            try await browser.logIn("bewoner@example.nl")
            // MUT + validation
            for path in [
                MailingsPath.manage.path, MailingsPath.new.path, MailingsPath.edit(.value(id)).path, MailingsPath.send(.value(id)).path,
            ] {
                let response = try await browser.get(path)
                XCTAssertEqual(response.status, .forbidden, path)
            }
            let post = try await browser.post(MailingsPath.send(.value(id)).path, ["count": "0"])
            XCTAssertEqual(post.status, .forbidden)
            let draft = try await Browser(app).get(MailingsPath.archived(.value(id)).path)
            XCTAssertEqual(draft.status, .notFound, "a draft is not in the archive")
        }
    }
}
