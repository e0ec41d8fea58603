import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// `/api/v1/events`: upcoming events as open data, in UTC with the zone's name, counts but
/// nothing personal; described in the OpenAPI document.
final class EventsAPITests: XCTestCase {
    struct List: Decodable {
        var page, per_page, total: Int
        var events: [[String: JSONValue]]
    }

    func testUpcomingEventsWithPublicFieldsOnly() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: one upcoming with a registration, one cancelled, one over
            let organiser = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let fixture = try await EventMatrixFixture.make(app)
            let cancelled = try await EventFixture.event(
                app, slug: "afgelast", title: "Afgelast", startsIn: 8 * 86_400, organiser: organiser)
            cancelled.status = .cancelled
            try await cancelled.save(on: app.db)
            _ = try await EventFixture.event(app, slug: "voorbij", title: "Voorbij", startsIn: -3 * 86_400)

            // MUT
            let list = try await Browser(app).get(EventsPath.api().path, headers: ["Accept": "application/json"])
            let one = try await Browser(app).get(EventsPath.apiEvent(.value(fixture.slug)).path, headers: ["Accept": "application/json"])
            let missing = try await Browser(app).get(
                EventsPath.apiEvent(.value("bestaat-niet")).path, headers: ["Accept": "application/json"])
            let badPage = try await Browser(app).get(EventsPath.api().path + "?page=0", headers: ["Accept": "application/json"])

            // validation
            XCTAssertEqual(list.status, .ok)
            XCTAssertEqual(list.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let body = try JSONDecoder().decode(List.self, from: Data(list.body.string.utf8))
            XCTAssertEqual(body.total, 2)
            XCTAssertEqual(body.per_page, 50)
            XCTAssertEqual(body.events.map { $0["slug"] }, [.string(fixture.slug), .string("afgelast")])
            let first = body.events[0]
            XCTAssertEqual(first["places_left"], .int(19))
            XCTAssertEqual(first["status"], .string("scheduled"))
            XCTAssertEqual(first["time_zone"], .string("Europe/Amsterdam"))
            XCTAssertEqual(first["district"], .string("west"))
            XCTAssertEqual(first["area"], .null)
            if case .string(let start)? = first["starts_at"] {
                XCTAssertTrue(start.hasSuffix("Z"), start)
                XCTAssertNotNil(ISO8601DateFormatter().date(from: start))
            } else {
                XCTFail("starts_at is a string")
            }
            XCTAssertEqual(body.events[1]["status"], .string("cancelled"))
            let text = list.body.string + one.body.string
            XCTAssertFalse(text.contains("@"), "no e-mail address")
            XCTAssertFalse(text.contains("Gast Een"), "no registrant")
            XCTAssertFalse(text.contains("Fatima"), "no organiser")
            XCTAssertFalse(text.contains(fixture.organiserID.uuidString.lowercased()))
            XCTAssertFalse(text.contains(fixture.organiserID.uuidString))
            XCTAssertEqual(one.status, .ok)
            let event = try JSONDecoder().decode([String: JSONValue].self, from: Data(one.body.readableBytesView))
            XCTAssertEqual(event["url"], .string("http://kracht.test/evenementen/\(fixture.slug)"))
            XCTAssertEqual(event["calendar_url"], .string("http://kracht.test/evenementen/\(fixture.slug)/agenda.ics"))
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(badPage.status, .badRequest)
            XCTAssertTrue(badPage.body.string.contains("page must be"))
        }
    }

    func testTheOpenAPIDocumentDescribesTheEvents() async throws {
        try await withApp(features: EventFixture.features) { app in
            // MUT
            let document = try await Browser(app).get("/api/v1/openapi.json")

            // validation
            XCTAssertEqual(document.status, .ok)
            let json = try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any]
            let paths = try XCTUnwrap(json?["paths"] as? [String: Any])
            XCTAssertNotNil(paths["/events"])
            XCTAssertNotNil(paths["/events/{slug}"])
            XCTAssertTrue(document.body.string.contains("places_left"))
        }
    }
}
