import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Calling an event off asks first and says who hears of it; a cancelled event is not edited
/// any more; what a calendar shows of an event bumps its SEQUENCE, and nothing else does.
final class EventCancelTests: XCTestCase {
    func testCancellingAsksFirstAndSaysHowManyGetAMail() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: an event with two people registered
            let organiser = try await app.makeUser(email: "organiser@example.nl", roles: [.coordinator])
            let event = try await EventFixture.event(app, organiser: organiser)
            try await RegistrationJourney.register(Browser(app), event, name: "Fatima", email: "fatima@example.nl")
            try await RegistrationJourney.register(Browser(app), event, name: "Joost", email: "joost@example.nl", guests: "1")
            let browser = Browser(app)
            try await browser.logIn("organiser@example.nl")
            let path = EventsPath.cancelEvent(.value(event.slug)).path
            let mailsBefore = try await OutboxMessage.query(on: app.db).count()

            // MUT: the event page links to the question; it has no one-tap cancel button
            let eventPage = try await browser.get(EventsPath.event(.value(event.slug)).path)
            XCTAssertTrue(eventPage.body.string.contains("href=\"\(path)\""))
            XCTAssertFalse(eventPage.body.string.contains("action=\"\(path)\""), "cancelling is not one tap")

            // MUT: the question
            let question = try await browser.get(path)

            // validation: what happens and who gets a mail; nothing changed yet
            XCTAssertEqual(question.status, .ok)
            XCTAssertTrue(question.body.string.contains("Buurtgesprek West afgelasten?"))
            XCTAssertTrue(question.body.string.contains("2 mensen die zich aanmeldden of op de wachtlijst staan, krijgen een bericht."))
            XCTAssertTrue(question.body.string.contains("action=\"\(path)\""))
            let statusAfterQuestion = try await RegistrationJourney.reload(app, event).status
            XCTAssertEqual(statusAfterQuestion, .scheduled)
            let mailsAfterQuestion = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mailsAfterQuestion, mailsBefore)

            // MUT: the answer
            let cancelled = try await browser.post(path)

            // validation: called off, both hear of it; asking again goes to the event
            XCTAssertEqual(cancelled.status, .seeOther)
            let stored = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(stored.status, .cancelled)
            XCTAssertEqual(stored.sequence, 1)
            let mailsAfterCancel = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mailsAfterCancel, mailsBefore + 2)
            let again = try await browser.get(path)
            XCTAssertEqual(again.status, .seeOther)
            XCTAssertEqual(again.location, EventsPath.event(.value(event.slug)).path)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheQuestionSaysSoWhenNobodyHearsOfIt() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organiser@example.nl", roles: [.coordinator])
            let event = try await EventFixture.event(app, organiser: organiser)
            let browser = Browser(app)
            try await browser.logIn("organiser@example.nl")

            // MUT
            let question = try await browser.get(EventsPath.cancelEvent(.value(event.slug)).path)

            // validation
            XCTAssertEqual(question.status, .ok)
            XCTAssertTrue(question.body.string.contains("Niemand heeft zich aangemeld. Er gaat geen bericht uit."))
        }
    }

    func testACancelledEventIsNotEditedAndNobodyGetsANewTime() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: a cancelled event with one person registered
            let organiser = try await app.makeUser(email: "organiser@example.nl", roles: [.coordinator])
            let event = try await EventFixture.event(app, organiser: organiser)
            try await RegistrationJourney.register(Browser(app), event, name: "Fatima", email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("organiser@example.nl")
            _ = try await browser.post(EventsPath.cancelEvent(.value(event.slug)).path)
            let before = try await RegistrationJourney.reload(app, event)
            let mailsBefore = try await OutboxMessage.query(on: app.db).count()
            var moved = try await EventFormFixture.fields(of: before, browser)
            moved["date"] = EventFormFixture.day(app, in: 12)
            moved["end_date"] = moved["date"]

            // MUT
            let form = try await browser.get(EventsPath.edit(.value(event.slug)).path)
            let posted = try await browser.post(EventsPath.edit(.value(event.slug)).path, moved)
            let page = try await browser.get(EventsPath.event(.value(event.slug)).path)

            // validation: refused with a clear message, nothing changed, no mail
            XCTAssertEqual(form.status, .seeOther)
            XCTAssertEqual(posted.status, .seeOther)
            XCTAssertEqual(posted.location, EventsPath.event(.value(event.slug)).path)
            XCTAssertTrue(page.body.string.contains("Dit evenement is afgelast. Je kunt het niet meer wijzigen."))
            XCTAssertFalse(page.body.string.contains("href=\"\(EventsPath.edit(.value(event.slug)).path)\""), "no edit link")
            let after = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(after.startsAt, before.startsAt)
            XCTAssertEqual(after.sequence, before.sequence)
            let mailsAfter = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mailsAfter, mailsBefore)
        }
    }

    func testWhatACalendarShowsBumpsTheSequenceAndNothingElse() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organiser@example.nl", roles: [.coordinator])
            let event = try await EventFixture.event(app, organiser: organiser)
            let browser = Browser(app)
            try await browser.logIn("organiser@example.nl")
            var fields = try await EventFormFixture.fields(of: event, browser)
            fields["description"] = event.description
            fields["address"] = event.address
            fields["step_free"] = "1"
            fields["ask_dietary"] = "1"
            fields["ask_accessibility"] = "1"
            fields["district"] = "west"
            // The form keeps minutes, not the fixture's seconds: a first save sets the time.
            _ = try await browser.post(EventsPath.edit(.value(event.slug)).path, fields)
            let start = try await RegistrationJourney.reload(app, event).sequence

            // MUT: only the places (a calendar does not show them)
            fields["capacity"] = "25"
            _ = try await browser.post(EventsPath.edit(.value(event.slug)).path, fields)
            let afterCapacity = try await RegistrationJourney.reload(app, event)

            // MUT: only the description (a calendar shows it)
            fields["description"] = "Een nieuw thema: de buurtmoestuin."
            _ = try await browser.post(EventsPath.edit(.value(event.slug)).path, fields)
            let afterDescription = try await RegistrationJourney.reload(app, event)

            // validation
            XCTAssertEqual(afterCapacity.capacity, 25)
            XCTAssertEqual(afterCapacity.sequence, start)
            XCTAssertEqual(afterDescription.description, "Een nieuw thema: de buurtmoestuin.")
            XCTAssertEqual(afterDescription.sequence, start + 1, "the same rule as a series' occurrences")
        }
    }
}
