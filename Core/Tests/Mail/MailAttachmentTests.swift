import Fluent
import Foundation
import KrachtTesting
import XCTest

@testable import KrachtCore

/// Attachments ride in the sealed outbox context and come out as a multipart/mixed message:
/// the text and HTML alternatives first (the HTML with its inline image), then each file.
final class MailAttachmentTests: XCTestCase {
    func testAMessageWithAnICSAndAnInlinePNGHasTheRightMIMETree() async throws {
        try await withApp { app in
            // setup
            let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
            let png = try QRCode(text: "http://kracht.test/x").png(moduleSize: 2, border: 2)
            try await app.mailer.enqueue(
                to: "ics@example.nl", language: .nl, subjectKey: "mail.confirm.subject", view: "mail/confirm-email",
                context: ["name": "Zoë", "link": "http://kracht.test/a"],
                attachments: [
                    MailAttachment(
                        filename: "buurtgesprek.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", data: Data(ics.utf8)),
                    MailAttachment(filename: "qr\"\r\nX-Evil: 1.png", contentType: "image/png", data: png, inlineID: "qr@kracht"),
                ], on: app.db)
            let stored = try await OutboxMessage.query(on: app.db).first()

            // MUT
            let raw = try await app.mailer.render(try XCTUnwrap(stored))

            // validation: the tree
            XCTAssertFalse(stored?.context.contains("VCALENDAR") ?? true, "sealed in the outbox")
            let root = MailSink.mimeTree(raw)
            XCTAssertEqual(root.mimeType, "multipart/mixed")
            XCTAssertEqual(root.children.map(\.mimeType), ["multipart/alternative", "text/calendar"])
            let alternative = root.children[0]
            XCTAssertEqual(alternative.children.map(\.mimeType), ["text/plain", "multipart/related"])
            let related = alternative.children[1]
            XCTAssertEqual(related.children.map(\.mimeType), ["text/html", "image/png"])
            XCTAssertEqual(related.children[1].header("content-id"), "<qr@kracht>")
            XCTAssertEqual(related.children[1].body, png)
            XCTAssertFalse(raw.contains("\r\nX-Evil"), "a file name cannot add a header")
            let file = root.children[1]
            XCTAssertTrue(file.isAttachment)
            XCTAssertEqual(file.filename, "buurtgesprek.ics")
            XCTAssertEqual(file.text, ics)
            // the old readers still find the text and HTML
            let mail = MailSink.parse(raw)
            XCTAssertTrue(mail.text.contains("Hallo Zoë,"), mail.text)
            XCTAssertTrue(mail.html.contains("Hallo Zoë,"), mail.html)
        }
    }

    func testAMessageWithoutAttachmentsStaysMultipartAlternative() async throws {
        try await withApp { app in
            // setup
            try await app.mailer.enqueue(
                to: "plain@example.nl", language: .nl, subjectKey: "mail.confirm.subject", view: "mail/confirm-email",
                context: ["name": "Daan", "link": "http://kracht.test/a"], on: app.db)
            let stored = try await OutboxMessage.query(on: app.db).first()

            // MUT
            let raw = try await app.mailer.render(try XCTUnwrap(stored))

            // validation
            let root = MailSink.mimeTree(raw)
            XCTAssertEqual(root.mimeType, "multipart/alternative")
            XCTAssertEqual(root.children.map(\.mimeType), ["text/plain", "text/html"])
            XCTAssertFalse(raw.contains("multipart/mixed"))
        }
    }
}
