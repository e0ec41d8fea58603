import Events
import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Creating, moving and cancelling an event through its forms, as an initiative's organiser and
/// as a coordinator.
final class EventFormTests: XCTestCase {
    func testAnInitiativeOrganiserCreatesMovesAndCancelsAnEvent() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let initiative = try await EventFormFixture.initiative(app, slug: "buurtkeuken-west", organiser: organiser)
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            let day = EventFormFixture.day(app, in: 10)

            // MUT: the form offers the initiative she runs, and creating puts it in the agenda
            let form = try await browser.get(EventsPath.new.path)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Initiatief buurtkeuken-west"))
            var fields = EventFormFixture.valid(day: day)
            fields["initiative"] = try initiative.requireID().uuidString
            let created = try await browser.post(EventsPath.new.path, fields)
            let doubleClick = try await browser.post(EventsPath.new.path, fields)

            // validation
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            XCTAssertEqual(created.location, "/evenementen/buurtgesprek-west-\(day)")
            XCTAssertEqual(doubleClick.location, created.location, "a second click lands on the same event")
            let count = try await Event.query(on: app.db).count()
            XCTAssertEqual(count, 1)
            let firstEvent = try await Event.query(on: app.db).first()
            let event = try XCTUnwrap(firstEvent)
            XCTAssertEqual(event.slug, "buurtgesprek-west-\(day)")
            XCTAssertEqual(AmsterdamTime.format(event.startsAt, "yyyy-MM-dd HH:mm", in: .nl), "\(day) 19:30")
            XCTAssertEqual(AmsterdamTime.format(event.endsAt, "HH:mm", in: .nl), "21:30")
            XCTAssertEqual(event.organiserID, try organiser.requireID())
            XCTAssertEqual(event.initiativeID, try initiative.requireID())
            XCTAssertEqual(event.registrationDeadline, event.startsAt)
            XCTAssertEqual(event.sequence, 0)
            XCTAssertEqual(event.capacity, 40)
            XCTAssertEqual(event.ticketPriceCents, 0)
            XCTAssertTrue(event.stepFree)
            XCTAssertFalse(event.hearingLoop)

            // MUT: the agenda shows it, and its filters keep or drop it
            let month = String(day.prefix(7))
            for (query, shown) in [
                ("", true), ("?stadsdeel=west", true), ("?stadsdeel=zuid", false), ("?soort=meetup", true), ("?soort=launch", false),
                ("?maand=\(month)", true), ("?stadsdeel=west&soort=meetup&maand=\(month)", true),
            ] {
                let agenda = try await Browser(app).get(EventsPath.agenda().path + query)
                XCTAssertEqual(agenda.status, .ok)
                XCTAssertEqual(agenda.body.string.contains("Buurtgesprek West"), shown, "agenda\(query)")
            }

            // MUT: moving it a day later
            let later = EventFormFixture.day(app, in: 11)
            var moved = fields
            moved["date"] = later
            let edited = try await browser.post(EventsPath.edit(.value(event.slug)).path, moved)

            // validation: a calendar sees a new sequence; the address stays
            XCTAssertEqual(edited.status, .seeOther, edited.body.string)
            XCTAssertEqual(edited.location, "/evenementen/\(event.slug)")
            let storedAfterMove = try await Event.find(event.id, on: app.db)
            let afterMove = try XCTUnwrap(storedAfterMove)
            XCTAssertEqual(AmsterdamTime.format(afterMove.startsAt, "yyyy-MM-dd HH:mm", in: .nl), "\(later) 19:30")
            XCTAssertEqual(afterMove.sequence, 1)
            XCTAssertFalse(afterMove.detached, "a one-off event is no occurrence")

            // MUT: the same post again changes nothing
            _ = try await browser.post(EventsPath.edit(.value(event.slug)).path, moved)
            let sequenceAfterRepeat = try await Event.find(event.id, on: app.db)?.sequence
            XCTAssertEqual(sequenceAfterRepeat, 1)

            // MUT: cancelling it, twice
            let cancelled = try await browser.post(EventsPath.cancelEvent(.value(event.slug)).path)
            let page = try await browser.get(EventsPath.event(.value(event.slug)).path)
            let again = try await browser.post(EventsPath.cancelEvent(.value(event.slug)).path)
            let pageAgain = try await browser.get(EventsPath.event(.value(event.slug)).path)

            // validation: kept, shown as cancelled, one more sequence only
            XCTAssertEqual(cancelled.status, .seeOther)
            XCTAssertTrue(page.body.string.contains("Het evenement is afgelast."))
            XCTAssertTrue(page.body.string.contains("Dit evenement gaat niet door."))
            XCTAssertEqual(again.status, .seeOther)
            XCTAssertTrue(pageAgain.body.string.contains("Dit evenement was al afgelast."))
            let storedAfterCancel = try await Event.find(event.id, on: app.db)
            let afterCancel = try XCTUnwrap(storedAfterCancel)
            XCTAssertEqual(afterCancel.status, .cancelled)
            XCTAssertEqual(afterCancel.sequence, 2)
            let agenda = try await Browser(app).get(EventsPath.agenda().path)
            XCTAssertTrue(agenda.body.string.contains("Buurtgesprek West"))
            XCTAssertTrue(agenda.body.string.contains("Afgelast"))
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnOrganiserCreatesOnlyForTheirOwnInitiative() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "fatima@example.nl")
            let other = try await app.makeUser(email: "kees@example.nl")
            let own = try await EventFormFixture.initiative(app, slug: "eigen", organiser: organiser)
            let foreign = try await EventFormFixture.initiative(app, slug: "andere", organiser: other)
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            var fields = EventFormFixture.valid(day: EventFormFixture.day(app, in: 5))

            // MUT
            fields["initiative"] = try foreign.requireID().uuidString
            let forForeign = try await browser.post(EventsPath.new.path, fields)
            fields["initiative"] = ""
            let forNone = try await browser.post(EventsPath.new.path, fields)
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")
            let residentForm = try await resident.get(EventsPath.new.path)
            let residentPost = try await resident.post(EventsPath.new.path, fields)
            fields["initiative"] = try own.requireID().uuidString
            let forOwn = try await browser.post(EventsPath.new.path, fields)

            // validation
            XCTAssertEqual(forForeign.status, .badRequest)
            forForeign.assertFormErrors(title: "Nieuw evenement", links: [("event-initiative", "Kies een initiatief uit de lijst")])
            XCTAssertFalse(forForeign.body.string.contains("Initiatief andere"), "the form offers only her own initiatives")
            XCTAssertEqual(forNone.status, .badRequest)
            forNone.assertFormErrors(title: "Nieuw evenement", links: [("event-initiative", "Kies het initiatief")])
            XCTAssertEqual(residentForm.status, .forbidden)
            XCTAssertEqual(residentPost.status, .forbidden)
            XCTAssertEqual(forOwn.status, .seeOther)
            let events = try await Event.query(on: app.db).count()
            XCTAssertEqual(events, 1)
            let initiativeOfEvent = try await Event.query(on: app.db).first()?.initiativeID
            XCTAssertEqual(initiativeOfEvent, try own.requireID())
        }
    }

    func testACoordinatorMovingSomeonesOccurrenceDetachesItAndIsAudited() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let event = try await EventFixture.event(app, organiser: organiser)
            let seriesID = try await EventFormFixture.series(app, of: event)
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            let form = try await browser.get(EventsPath.edit(.value(event.slug)).path)
            var fields = EventFormFixture.valid(day: EventFormFixture.day(app, in: 9))
            fields["title"] = event.title

            // MUT
            let saved = try await browser.post(EventsPath.edit(.value(event.slug)).path, fields)

            // validation
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("value=\"Buurtgesprek West\""))
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let stored = try await Event.find(event.id, on: app.db)
            let after = try XCTUnwrap(stored)
            XCTAssertEqual(after.seriesID, seriesID)
            XCTAssertTrue(after.detached, "moving one occurrence leaves the series")
            XCTAssertEqual(after.sequence, 1)
            XCTAssertEqual(after.slug, event.slug, "the address stays")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "events.edit").all()
            XCTAssertEqual(audit.count, 1)
            XCTAssertEqual(audit.first?.subject, "event:\(try event.requireID())")
        }
    }

    func testFewerPlacesThanTakenIsRefused() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            event.placesTaken = 5
            try await event.save(on: app.db)
            let browser = Browser(app)
            try await browser.logIn("organisator@example.nl")
            var fields = try await EventFormFixture.fields(of: event, browser)
            fields["capacity"] = "3"

            // MUT
            let refused = try await browser.post(EventsPath.edit(.value(event.slug)).path, fields)

            // validation
            XCTAssertEqual(refused.status, .badRequest)
            refused.assertFormErrors(title: "Evenement aanpassen", links: [("event-capacity", "Er zijn al 5 plaatsen bezet")])
            let capacity = try await Event.find(event.id, on: app.db)?.capacity
            XCTAssertEqual(capacity, 20)
        }
    }

    func testSlugsAreReadableUniqueAndShort() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: half past midnight in Amsterdam
            let start = try XCTUnwrap(AmsterdamTime.parseDay("2027-01-13")).addingTimeInterval(0.5 * 3600)
            _ = try await EventFixture.event(app, slug: "buurtgesprek-west-2027-01-13")

            // MUT
            let second = try await EventSlug.make(title: "Buurtgesprek West", startsAt: start, on: app.db)
            let folded = try await EventSlug.make(title: "  Café Ñoño — Zuid!! ", startsAt: start, on: app.db)
            let empty = try await EventSlug.make(title: "!!!", startsAt: start, on: app.db)
            let long = try await EventSlug.make(title: String(repeating: "lang woord ", count: 30), startsAt: start, on: app.db)

            // validation: the Amsterdam day (00:30 there is still the 12th in UTC)
            XCTAssertEqual(second, "buurtgesprek-west-2027-01-13-2")
            XCTAssertEqual(folded, "cafe-nono-zuid-2027-01-13")
            XCTAssertEqual(empty, "evenement-2027-01-13")
            XCTAssertLessThanOrEqual(long.count, EventSlug.maxLength)
            XCTAssertTrue(long.hasSuffix("-2027-01-13"))
            XCTAssertFalse(long.contains("--"))
        }
    }
}
