import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Issue #12, item 5: the organiser's list of who is coming, with a search box for those without
/// their code, check-in by name, and the waitlist below; never anyone's e-mail address.
final class AttendeesTests: XCTestCase {
    func testTheOrganiserFindsANameAndChecksItIn() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, capacity: 4, organiser: organiser)
            let fatima = try await CheckInFixture.register(
                app, event, name: "Fatima el Amrani", email: "fatima@example.nl", guests: 2, dietary: "vegetarisch")
            _ = try await CheckInFixture.register(app, event, name: "Jan de Vries", email: "jan@example.nl")
            _ = try await CheckInFixture.register(app, event, name: "Wachter Een", email: "w1@example.nl", status: .waitlisted)
            _ = try await CheckInFixture.register(app, event, name: "Wachter Twee", email: "w2@example.nl", status: .waitlisted)
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")

            // MUT
            let list = try await door.get(EventsPath.attendees(.value(event.slug)).path)

            // validation
            XCTAssertEqual(list.status, .ok)
            var html = list.body.string
            XCTAssertTrue(html.contains("Fatima el Amrani"))
            XCTAssertTrue(html.contains("3 personen"))
            XCTAssertTrue(html.contains("vegetarisch"))
            XCTAssertTrue(html.contains("Jan de Vries"))
            XCTAssertTrue(html.contains("4 van 4"), "places held of capacity")
            XCTAssertFalse(html.contains("@example.nl"), "no e-mail addresses")
            let first = try XCTUnwrap(html.range(of: "Wachter Een")), second = try XCTUnwrap(html.range(of: "Wachter Twee"))
            XCTAssertLessThan(first.lowerBound, second.lowerBound, "the waitlist in arrival order")

            // MUT: she forgot her code
            let found = try await door.get(EventsPath.attendees(.value(event.slug), query: "FATIMA").path)

            // validation
            html = found.body.string
            XCTAssertTrue(html.contains("Fatima el Amrani"))
            XCTAssertFalse(html.contains("Jan de Vries"), "only who matches, case-insensitive")

            // MUT
            let checkIn = EventsPath.checkInByName(.value(event.slug), registration: .value(try fatima.requireID())).path
            let posted = try await door.post(checkIn, ["q": "FATIMA"])
            let again = try await door.post(checkIn, ["q": "FATIMA"])

            // validation
            XCTAssertEqual(posted.status, .seeOther)
            XCTAssertEqual(posted.location, EventsPath.attendees(.value(event.slug), query: "FATIMA").path)
            html = try await door.get(try XCTUnwrap(again.location)).body.string
            XCTAssertTrue(html.contains("Deze persoon was al ingecheckt."))
            let firstCheckIn = try await EventRegistration.find(fatima.id, on: app.db)?.checkedInAt
            let at = try XCTUnwrap(firstCheckIn)
            XCTAssertTrue(html.contains("Ingecheckt om \(AmsterdamTime.format(at, "HH:mm", in: .nl))"))
            XCTAssertTrue(html.contains("3 van 4"), "checked in of expected")
            let attended = try await Event.find(event.id, on: app.db)?.attended
            XCTAssertEqual(attended, 3)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheSearchTakesWildcardsLiterallyAndLongInputIsCut() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            _ = try await CheckInFixture.register(app, event, name: "Jan de Vries", email: "jan@example.nl")
            _ = try await CheckInFixture.register(app, event, name: "100% Anna_B", email: "anna@example.nl")
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")

            // MUT
            let percent = try await door.get(EventsPath.attendees(.value(event.slug), query: "%").path).body.string
            let underscore = try await door.get(EventsPath.attendees(.value(event.slug), query: "a_b").path).body.string
            let nothing = try await door.get(EventsPath.attendees(.value(event.slug), query: "j_n").path).body.string
            let long = try await door.get(EventsPath.attendees(.value(event.slug), query: String(repeating: "x", count: 5000)).path)

            // validation
            XCTAssertTrue(percent.contains("100% Anna_B"))
            XCTAssertFalse(percent.contains("Jan de Vries"), "% is a character, not a wildcard")
            XCTAssertTrue(underscore.contains("100% Anna_B"))
            XCTAssertTrue(nothing.contains("Niemand gevonden met die naam."), "_ is a character, not a wildcard")
            XCTAssertEqual(long.status, .ok)
        }
    }

    func testCheckingInByNameTakesOnlyThisEventsRegistrations() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let mine = try await EventFixture.event(app, organiser: organiser)
            let other = try await EventFixture.event(app, slug: "buurtgesprek-oost", title: "Buurtgesprek Oost", district: "oost")
            let elsewhere = try await CheckInFixture.register(app, other, name: "Elders", email: "elders@example.nl")
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")

            // MUT
            let crossed = try await door.post(
                EventsPath.checkInByName(.value(mine.slug), registration: .value(try elsewhere.requireID())).path)
            let unknown = try await door.post(EventsPath.checkInByName(.value(mine.slug), registration: .value(UUID())).path)
            let notAnID = try await door.post("/evenementen/\(mine.slug)/deelnemers/geen-id/inchecken")

            // validation
            XCTAssertEqual(crossed.status, .notFound)
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertEqual(notAnID.status, .notFound)
            let untouched = try await EventRegistration.find(elsewhere.id, on: app.db)?.checkedInAt
            XCTAssertNil(untouched)
            let otherAttended = try await Event.find(other.id, on: app.db)?.attended
            XCTAssertEqual(otherAttended, 0)
        }
    }

    func testACoordinatorMayRunTheDoorAndAResidentMayNot() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app)
            let guest = try await CheckInFixture.register(app, event, name: "Gast", email: "gast@example.nl")
            let token = EventTokens.make(.checkIn, for: try guest.requireID(), app: app)
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")

            // MUT
            let refused = [
                try await resident.get(EventsPath.attendees(.value(event.slug)).path).status,
                try await resident.get(EventsPath.checkIn(.value(token)).path).status,
                try await resident.post(EventsPath.checkIn(.value(token)).path).status,
                try await resident.post(EventsPath.walkIn(.value(event.slug)).path, ["name": "Iemand", "guests": "0"]).status,
            ]
            let allowed = try await coordinator.get(EventsPath.attendees(.value(event.slug)).path)
            let checkedIn = try await coordinator.post(EventsPath.checkIn(.value(token)).path)

            // validation
            XCTAssertEqual(refused, [.forbidden, .forbidden, .forbidden, .forbidden])
            XCTAssertEqual(allowed.status, .ok)
            XCTAssertEqual(checkedIn.status, .seeOther)
            let attended = try await Event.find(event.id, on: app.db)?.attended
            XCTAssertEqual(attended, 1)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
