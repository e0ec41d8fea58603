import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The event page says everything about an event in plain words, in Amsterdam time, and shows
/// the organiser's tools only to who runs it; never an e-mail address.
final class EventPageTests: XCTestCase {
    func testTheEventPageSaysWhenWhereWhoAndHowAccessible() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Wednesday 13 January 2027 at 19:30 in Amsterdam (winter time) in someone's initiative
            let organiser = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let initiative = try await EventFormFixture.initiative(app, slug: "buurtkeuken", organiser: organiser)
            let event = try await EventFixture.event(app, organiser: organiser, initiativeID: try initiative.requireID())
            let day = try XCTUnwrap(AmsterdamTime.parseDay("2027-01-13"))
            event.startsAt = day.addingTimeInterval(19.5 * 3600)
            event.endsAt = day.addingTimeInterval(21.5 * 3600)
            event.area = "westerpark"
            event.hearingLoop = true
            try await event.save(on: app.db)
            _ = try await EventFormFixture.series(app, of: event)
            let path = EventsPath.event(.value(event.slug)).path

            // MUT
            let visitor = try await Browser(app).get(path)
            let owner = Browser(app)
            try await owner.logIn("fatima@example.nl")
            let ownView = try await owner.get(path)
            let english = try await Browser(app).get(path, headers: ["Accept-Language": "en"])

            // validation
            XCTAssertEqual(visitor.status, .ok)
            let html = visitor.body.string
            XCTAssertTrue(html.contains("<title>Buurtgesprek West · "), "the title is the event's")
            if app.clock.now() < day {
                XCTAssertTrue(html.contains("woensdag 13 januari 2027, 19:30–21:30"), "Amsterdam time, in words")
            }
            for words in [
                "Buurthuis De Meeuw", "Meeuwenlaan 1, Amsterdam", "West · Westerpark", "Rolstoeltoegankelijk, Ringleiding",
                "Fatima A.", "Initiatief buurtkeuken", "href=\"/initiatieven/buurtkeuken\"", "href=\"\(path)/agenda.ics\"",
                "href=\"/evenementen/stadsdeel/west\"", "Buurtgesprek",
            ] {
                XCTAssertTrue(html.contains(words), words)
            }
            XCTAssertFalse(html.contains("fatima@example.nl"), "no organiser's address")
            XCTAssertFalse(html.contains("Evenement afgelasten"), "no tools for a visitor")
            XCTAssertTrue(ownView.body.string.contains("Evenement afgelasten"))
            XCTAssertTrue(ownView.body.string.contains("href=\"\(path)/bewerken\""))
            XCTAssertTrue(ownView.body.string.contains("href=\"\(path)/deelnemers\""))
            if app.clock.now() < day {
                XCTAssertTrue(english.body.string.contains("Wednesday 13 January 2027, 19:30–21:30"))
            }
            let unknown = try await Browser(app).get("/evenementen/bestaat-niet").status
            XCTAssertEqual(unknown, .notFound)
        }
    }

    func testACancelledAndAPastEventSaySo() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let cancelled = try await EventFixture.event(app, slug: "afgelast", title: "Afgelast gesprek")
            cancelled.status = .cancelled
            try await cancelled.save(on: app.db)
            let past = try await EventFixture.event(app, slug: "geweest-gesprek", title: "Gesprek dat was", startsIn: -2 * 86_400)
            past.attended = 17
            try await past.save(on: app.db)

            // MUT
            let cancelledPage = try await Browser(app).get(EventsPath.event(.value("afgelast")).path)
            let pastPage = try await Browser(app).get(EventsPath.event(.value("geweest-gesprek")).path)

            // validation
            XCTAssertTrue(cancelledPage.body.string.contains("Dit evenement gaat niet door. Het is afgelast."))
            XCTAssertTrue(pastPage.body.string.contains("17 mensen waren erbij"))
        }
    }
}
