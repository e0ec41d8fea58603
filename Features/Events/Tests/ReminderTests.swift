import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// The day before, a reminder to everyone with a confirmed place; afterwards, thanks to those who
/// came with what to come to next. Each once, however often the jobs run.
final class ReminderTests: XCTestCase {
    func testTheReminderGoesOnceTheDayBefore() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Tuesday 12 January 2027, 16:00 in Amsterdam; a meetup on Wednesday and one on Thursday
            CalendarFixture.setClock(app, to: CalendarFixture.amsterdam(2027, 1, 12, 16))
            let wednesday = try await CalendarFixture.event(app, slug: "woensdag", at: CalendarFixture.amsterdam(2027, 1, 13, 19, 30))
            let thursday = try await CalendarFixture.event(app, slug: "donderdag", at: CalendarFixture.amsterdam(2027, 1, 14, 0, 30))
            let cancelled = try await CalendarFixture.event(
                app, slug: "afgelast", at: CalendarFixture.amsterdam(2027, 1, 13, 20), status: .cancelled)
            wednesday.capacity = 2  // full: Fatima's place and the pending one; the waitlist waits for a place
            try await wednesday.save(on: app.db)
            try await CalendarFixture.register(app, wednesday, email: "fatima@example.nl")
            try await CalendarFixture.register(app, wednesday, email: "wacht@example.nl", status: .waitlisted)
            try await CalendarFixture.register(app, wednesday, email: "nog-niet@example.nl", status: .pending)
            try await CalendarFixture.register(app, thursday, email: "daan@example.nl")
            try await CalendarFixture.register(app, cancelled, email: "afgelast@example.nl")

            // MUT
            let first = try await EventReminders.remind(app: app)
            let again = try await EventReminders.remind(app: app)
            try await app.deliverMail()

            // validation: only Wednesday's confirmed place, once
            XCTAssertEqual(first, 1)
            XCTAssertEqual(again, 0)
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.map(\.subject), ["Morgen: Buurtgesprek West"])
            XCTAssertTrue(mails.first?.text.contains("woensdag 13 januari 2027, 19:30–21:30") ?? false, mails.first?.text ?? "")
            for other in ["wacht@example.nl", "nog-niet@example.nl", "daan@example.nl", "afgelast@example.nl"] {
                XCTAssertEqual(try MailSink.messages(app: app, to: other).count, 0, other)
            }
            let reloaded = try await Event.find(wednesday.id, on: app.db)
            XCTAssertNotNil(reloaded?.reminderSentAt)
            let reminded = try await EventRegistration.query(on: app.db).filter(\.$remindedAt != nil).all().map(\.email)
            XCTAssertEqual(reminded, ["fatima@example.nl"])

            // MUT: the next day, Thursday's (at 00:30, still Thursday in Amsterdam) and nothing of Wednesday again
            app.clock.advance(by: 86_400)
            let nextDay = try await EventReminders.remind(app: app)
            try await app.deliverMail()

            // validation
            XCTAssertEqual(nextDay, 1)
            XCTAssertEqual(try MailSink.messages(app: app, to: "daan@example.nl").count, 1)
            XCTAssertEqual(try MailSink.messages(app: app, to: "fatima@example.nl").count, 1)
            XCTAssertEqual(EventReminders.scheduled.map(\.hour), [15, 8])
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAMovedEventIsRemindedAgainTheDayBeforeItsNewDate() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: reminded for Wednesday 13 January
            CalendarFixture.setClock(app, to: CalendarFixture.amsterdam(2027, 1, 12, 16))
            let event = try await CalendarFixture.event(app, slug: "verplaatst", at: CalendarFixture.amsterdam(2027, 1, 13, 19, 30))
            try await CalendarFixture.register(app, event, email: "fatima@example.nl")
            let first = try await EventReminders.remind(app: app)
            try await app.deliverMail()

            // MUT: the organiser moves it a week on (the notice goes out), and a week later the job runs
            try await app.db.writeTransaction { db in
                event.startsAt = CalendarFixture.amsterdam(2027, 1, 20, 19, 30)
                event.endsAt = event.startsAt.addingTimeInterval(7_200)
                event.sequence += 1
                try await event.save(on: db)
                try await EventMails.changed(event, .moved, app: app, on: db)
            }
            try await app.deliverMail()
            CalendarFixture.setClock(app, to: CalendarFixture.amsterdam(2027, 1, 19, 16))
            let second = try await EventReminders.remind(app: app)
            try await app.deliverMail()

            // validation
            XCTAssertEqual([first, second], [1, 1])
            let subjects = try MailSink.messages(app: app, to: "fatima@example.nl").map(\.subject)
            XCTAssertEqual(subjects, ["Morgen: Buurtgesprek West", "Nieuwe tijd of plek: Buurtgesprek West", "Morgen: Buurtgesprek West"])
        }
    }

    func testThanksGoToThoseWhoCameWithTheNextOccurrence() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: a series; January's meetup is over, February's is cancelled, March's is next
            CalendarFixture.setClock(app, to: CalendarFixture.amsterdam(2027, 1, 13, 18))
            let series = try await CalendarFixture.series(app)
            let january = try await CalendarFixture.event(
                app, slug: "buurtgesprek-west-2027-01-13", at: CalendarFixture.amsterdam(2027, 1, 13, 19, 30), seriesID: series.id)
            _ = try await CalendarFixture.event(
                app, slug: "buurtgesprek-west-2027-02-10", at: CalendarFixture.amsterdam(2027, 2, 10, 19, 30), seriesID: series.id,
                status: .cancelled)
            let march = try await CalendarFixture.event(
                app, slug: "buurtgesprek-west-2027-03-10", at: CalendarFixture.amsterdam(2027, 3, 10, 19, 30), seriesID: series.id)
            try await CalendarFixture.register(app, january, email: "kwam@example.nl", checkedIn: true)
            try await CalendarFixture.register(app, january, email: "kwam-niet@example.nl")
            CalendarFixture.setClock(app, to: CalendarFixture.amsterdam(2027, 1, 14, 9))

            // MUT
            let first = try await EventReminders.thank(app: app)
            let again = try await EventReminders.thank(app: app)
            try await app.deliverMail()

            // validation: only who was checked in, once, with March's meetup
            XCTAssertEqual(first, 1)
            XCTAssertEqual(again, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: "kwam-niet@example.nl").count, 0)
            let mail = try XCTUnwrap(try MailSink.messages(app: app, to: "kwam@example.nl").first)
            XCTAssertEqual(mail.subject, "Bedankt voor je komst: Buurtgesprek West")
            XCTAssertTrue(mail.text.contains(EventsPath.event(.value(march.slug)).url(on: app)), mail.text)
            XCTAssertTrue(mail.text.contains("woensdag 10 maart 2027, 19:30"), mail.text)
            XCTAssertTrue(mail.html.contains("href=\"\(EventsPath.event(.value(march.slug)).url(on: app))\""), mail.html)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testWithoutCheckInsEveryConfirmedPlaceIsThankedWithAnOpenActionNearby() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: a one-off event in Noord ended yesterday; nobody was checked in
            let (initiative, action) = try await CalendarFixture.openAction(app, district: "noord", title: "Koken in de buurtkeuken")
            let event = try await CalendarFixture.event(
                app, slug: "actiedag-noord", at: app.clock.now().addingTimeInterval(-86_400), district: "noord")
            try await CalendarFixture.register(app, event, email: "een@example.nl")
            try await CalendarFixture.register(app, event, email: "twee@example.nl", language: .en)
            try await CalendarFixture.register(app, event, email: "weg@example.nl", status: .cancelled)
            let old = try await CalendarFixture.event(app, slug: "te-lang-geleden", at: app.clock.now().addingTimeInterval(-5 * 86_400))
            try await CalendarFixture.register(app, old, email: "oud@example.nl")

            // MUT
            let thanked = try await EventReminders.thank(app: app)
            try await app.deliverMail()

            // validation
            XCTAssertEqual(thanked, 2)
            let link = InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID())).url(on: app)
            let english = try XCTUnwrap(try MailSink.messages(app: app, to: "twee@example.nl").first)
            XCTAssertTrue(english.text.contains("This action is looking for people: Koken in de buurtkeuken."), english.text)
            XCTAssertTrue(english.text.contains(link), english.text)
            XCTAssertEqual(try MailSink.messages(app: app, to: "een@example.nl").count, 1)
            XCTAssertEqual(try MailSink.messages(app: app, to: "weg@example.nl").count, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: "oud@example.nl").count, 0, "ended more than 3 days ago")
        }
    }
}
