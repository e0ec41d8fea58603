import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// The confirmation carries the event as an `.ics` and the check-in QR code as an inline PNG; a
/// change reaches everyone still registered or waiting, with the new `.ics`.
final class EventMailTests: XCTestCase {
    func testTheConfirmationMailHasTheICSAndTheCheckInQRCode() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, slug: "buurtgesprek-west-mail")
            let registration = try await CalendarFixture.register(app, event, email: "fatima@example.nl", guests: 2)
            let id = try registration.requireID()

            // MUT
            try await app.db.writeTransaction { db in try await EventMails.confirmed(registration, of: event, app: app, on: db) }
            try await app.deliverMail()

            // validation: the texts
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 1)
            let mail = try XCTUnwrap(mails.first)
            XCTAssertEqual(mail.subject, "Je bent aangemeld: Buurtgesprek West")
            let manage = EventTokens.make(.manage, for: id, app: app)
            XCTAssertTrue(mail.text.contains(EventsPath.registration(.value(manage)).url(on: app)), mail.text)
            XCTAssertTrue(mail.text.contains(EventsPath.cancelRegistration(.value(manage)).url(on: app)), mail.text)
            XCTAssertTrue(mail.text.contains("Buurthuis De Meeuw, Meeuwenlaan 1, Amsterdam"), mail.text)
            XCTAssertTrue(mail.text.contains("zonder drempels"), mail.text)
            XCTAssertTrue(mail.text.contains("Je neemt 2 gasten mee."), mail.text)
            XCTAssertTrue(mail.html.contains("<img src=\"cid:\(EventMails.qrCodeID)\""), mail.html)
            // validation: the MIME tree, the .ics and the PNG
            let root = MailSink.mimeTree(mail.raw)
            XCTAssertEqual(root.mimeType, "multipart/mixed")
            let ics = try XCTUnwrap(root.leaves.first { $0.mimeType == "text/calendar" })
            XCTAssertTrue(ics.isAttachment)
            XCTAssertEqual(ics.filename, "buurtgesprek-west-mail.ics")
            let vevent = try XCTUnwrap(ParsedCalendar(ics.text).components("VEVENT").first)
            XCTAssertEqual(vevent.value("UID"), "\(try event.requireID().uuidString.lowercased())@kracht.test")
            XCTAssertEqual(vevent.value("STATUS"), "CONFIRMED")
            let png = try XCTUnwrap(root.leaves.first { $0.mimeType == "image/png" })
            XCTAssertEqual(png.header("content-id"), "<\(EventMails.qrCodeID)>")
            XCTAssertEqual(Array(png.body.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let checkIn = EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: id, app: app))).url(on: app)
            XCTAssertEqual(png.body, try QRCode(text: checkIn).png(moduleSize: 4, border: 4), "the code of the check-in link")
        }
    }

    func testAWalkInWithoutAnAddressGetsNoMail() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, slug: "zonder-adres")
            let walkIn = try await CalendarFixture.register(app, event, email: "")

            // MUT
            try await app.db.writeTransaction { db in try await EventMails.confirmed(walkIn, of: event, app: app, on: db) }

            // validation
            let queued = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(queued, 0)
        }
    }

    func testACancellationReachesEveryoneStillRegisteredWithTheCancelledICS() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, slug: "gaat-niet-door")
            try await CalendarFixture.register(app, event, email: "komt@example.nl")
            try await CalendarFixture.register(app, event, email: "wacht@example.nl", status: .waitlisted, language: .en)
            try await CalendarFixture.register(app, event, email: "afgemeld@example.nl", status: .cancelled)
            try await CalendarFixture.register(app, event, email: "")

            // MUT: the organiser cancels (status, SEQUENCE) and the notice goes in the same transaction
            try await app.db.writeTransaction { db in
                event.status = .cancelled
                event.sequence += 1
                try await event.save(on: db)
                try await EventMails.changed(event, .cancelled, app: app, on: db)
            }
            try await app.deliverMail()

            // validation
            XCTAssertEqual(try MailSink.messages(app: app, to: "afgemeld@example.nl").count, 0)
            let dutch = try XCTUnwrap(try MailSink.messages(app: app, to: "komt@example.nl").first)
            XCTAssertEqual(dutch.subject, "Gaat niet door: Buurtgesprek West")
            XCTAssertTrue(dutch.text.contains("gaat niet door"), dutch.text)
            let english = try XCTUnwrap(try MailSink.messages(app: app, to: "wacht@example.nl").first)
            XCTAssertEqual(english.subject, "Cancelled: Buurtgesprek West")
            XCTAssertTrue(english.text.contains("still on the waitlist"), english.text)
            for mail in [dutch, english] {
                let ics = try XCTUnwrap(MailSink.mimeTree(mail.raw).leaves.first { $0.mimeType == "text/calendar" })
                let vevent = try XCTUnwrap(ParsedCalendar(ics.text).components("VEVENT").first)
                XCTAssertEqual(vevent.value("STATUS"), "CANCELLED")
                XCTAssertEqual(vevent.value("SEQUENCE"), "1")
            }
            let queued = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(queued, 2)
        }
    }
}
