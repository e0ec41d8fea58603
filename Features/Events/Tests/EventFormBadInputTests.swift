import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Every field of the event form refuses what it cannot use, with a translated message beside
/// that field, and nothing is saved.
final class EventFormBadInputTests: XCTestCase {
    func testEachBadFieldGetsItsMessageAndNothingIsSaved() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            let day = EventFormFixture.day(app, in: 10)
            let yesterday = EventFormFixture.day(app, in: -1)
            let cases: [(field: String, value: String, id: String, message: String)] = [
                ("kind", "feest", "event-kind", "Kies een soort"),
                ("title", "ab", "event-title", "minstens 3 tekens"),
                ("title", String(repeating: "a", count: 121), "event-title", "120"),
                ("title", "Twee\nregels", "event-title", "tekens"),
                ("description", "", "event-description", "Vul dit veld in"),
                ("description", String(repeating: "b", count: 5_001), "event-description", "5000"),
                ("date", "2027-02-30", "event-date", "Vul een datum en een begintijd in"),
                ("start", "25:00", "event-date", "Vul een datum en een begintijd in"),
                ("date", yesterday, "event-date", "al voorbij"),
                ("end", "18:00", "event-end", "later eindigen dan het begint"),
                ("end_date", EventFormFixture.day(app, in: 20), "event-end", "hoogstens 7 dagen"),
                ("online_url", "http://voorbeeld.nl/gesprek", "event-online-url", "https://"),
                ("online_url", "https://voor beeld.nl", "event-online-url", "https://"),
                ("online_url", "https://" + String(repeating: "a", count: 500) + ".nl", "event-online-url", "https://"),
                ("district", "atlantis", "event-district", "Kies een stadsdeel"),
                ("area", "de-pijp", "event-area", "in het gekozen stadsdeel"),
                ("capacity", "0", "event-capacity", "van 1 tot 5000"),
                ("capacity", "5001", "event-capacity", "van 1 tot 5000"),
                ("capacity", "-3", "event-capacity", "van 1 tot 5000"),
                ("capacity", "veel", "event-capacity", "van 1 tot 5000"),
                ("deadline_date", "morgen", "event-deadline-date", "een datum en een tijd"),
                ("deadline_date", EventFormFixture.day(app, in: 11), "event-deadline-date", "voor het begin"),
                ("price", "600", "event-price", "van 0 tot 500 euro"),
                ("price", "-5", "event-price", "van 0 tot 500 euro"),
                ("price", "gratis", "event-price", "van 0 tot 500 euro"),
                ("house_rules", String(repeating: "c", count: 2_001), "event-house-rules", "2000"),
                ("initiative", "geen-uuid", "event-initiative", "Kies een initiatief"),
                ("initiative", UUID().uuidString, "event-initiative", "Kies een initiatief"),
                ("campaign", UUID().uuidString, "event-campaign", "Kies een campagne"),
            ]

            for bad in cases {
                var fields = EventFormFixture.valid(day: day)
                fields[bad.field] = bad.value
                if bad.field == "deadline_date" { fields["deadline_time"] = "12:00" }

                // MUT
                let response = try await browser.post(EventsPath.new.path, fields)

                // validation
                XCTAssertEqual(response.status, .badRequest, "\(bad.field)=\(bad.value.prefix(20))")
                response.assertFormErrors(title: "Nieuw evenement", links: [(bad.id, bad.message)])
            }
            // Neither a place nor a link.
            var nowhere = EventFormFixture.valid(day: day)
            nowhere["venue"] = ""
            let refused = try await browser.post(EventsPath.new.path, nowhere)
            refused.assertFormErrors(title: "Nieuw evenement", links: [("event-venue", "een link om online mee te doen")])
            // A body that is no form.
            let garbage = try await browser.post(EventsPath.new.path, rawBody: ByteBuffer(string: "%%%&&&=="), contentType: .json)
            XCTAssertTrue([.badRequest, .forbidden].contains(garbage.status), "\(garbage.status)")
            let events = try await Event.query(on: app.db).count()
            XCTAssertEqual(events, 0)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["events.edit", "events.cancel"]).count()
            XCTAssertEqual(audits, 0)
        }
    }

    func testAnOnlineEventAndAPaidOneAreSaved() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            var fields = EventFormFixture.valid(day: EventFormFixture.day(app, in: 10))
            fields["venue"] = ""
            fields["address"] = ""
            fields["district"] = ""
            fields["area"] = ""
            fields["online_url"] = "https://meet.example.nl/kracht"
            fields["price"] = "7,50"
            fields["deadline_date"] = EventFormFixture.day(app, in: 9)
            fields["deadline_time"] = "12:00"

            // MUT
            let saved = try await browser.post(EventsPath.new.path, fields)

            // validation
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let stored = try await Event.query(on: app.db).first()
            let event = try XCTUnwrap(stored)
            XCTAssertEqual(event.onlineURL, "https://meet.example.nl/kracht")
            XCTAssertNil(event.district)
            XCTAssertEqual(event.ticketPriceCents, 750)
            XCTAssertEqual(AmsterdamTime.format(event.registrationDeadline, "HH:mm", in: .nl), "12:00")
            XCTAssertNil(event.initiativeID, "a coordinator may run an event without an initiative")
        }
    }
}
