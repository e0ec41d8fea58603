import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Issue #12, item 5: the organiser scans a registration's QR code with the phone's own camera,
/// the link opens in their logged-in browser, and one tap checks the person in; a second scan
/// says when the first was; a forged or stale code is refused and changes nothing.
final class CheckInTests: XCTestCase {
    func testTheOrganiserChecksInByTheQRLinkAndASecondScanSaysWhen() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(name: "Org Anisator", email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            let fatima = try await CheckInFixture.register(
                app, event, name: "Fatima", email: "fatima@example.nl", guests: 1, dietary: "halal")
            let token = EventTokens.make(.checkIn, for: try fatima.requireID(), app: app)
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")

            // MUT: the scan opens the page
            let scanned = try await door.get(EventsPath.checkIn(.value(token)).path)

            // validation
            XCTAssertEqual(scanned.status, .ok)
            var html = scanned.body.string
            XCTAssertTrue(html.contains("<h1>Fatima</h1>"))
            XCTAssertTrue(html.contains("2 personen"), "the party: Fatima and one guest")
            XCTAssertTrue(html.contains("halal"), "what she answered")
            XCTAssertTrue(html.contains("bevestigd"))
            XCTAssertFalse(html.contains("fatima@example.nl"), "never her address")
            XCTAssertTrue(html.contains("class=\"events-checkin-button\">Inchecken</button>"), "one big button")

            // MUT: one tap
            let tapped = try await door.post(EventsPath.checkIn(.value(token)).path)

            // validation
            XCTAssertEqual(tapped.status, .seeOther)
            XCTAssertEqual(tapped.location, EventsPath.checkIn(.value(token)).path)
            html = try await door.get(EventsPath.checkIn(.value(token)).path).body.string
            XCTAssertTrue(html.contains("Fatima is ingecheckt (2 personen)."), html)
            XCTAssertFalse(html.contains("events-checkin-button"), "no second button")
            let checkedIn = try await EventRegistration.find(fatima.id, on: app.db)
            let at = try XCTUnwrap(checkedIn?.checkedInAt)
            XCTAssertEqual(checkedIn?.checkedInBy, organiser.id)
            let reloaded = try await Event.find(event.id, on: app.db)
            XCTAssertEqual(reloaded?.attended, 2)

            // MUT: the same code, scanned again later (she passed it on, say)
            app.clock.advance(by: 600)
            let again = try await door.get(EventsPath.checkIn(.value(token)).path)
            let reposted = try await door.post(EventsPath.checkIn(.value(token)).path)

            // validation
            let time = AmsterdamTime.format(at, "HH:mm", in: .nl)
            XCTAssertTrue(again.body.string.contains("Al ingecheckt om \(time)."), "the time of the first scan")
            XCTAssertFalse(again.body.string.contains("events-checkin-button"))
            XCTAssertEqual(reposted.status, .seeOther)
            html = try await door.get(try XCTUnwrap(reposted.location)).body.string
            XCTAssertTrue(html.contains("Deze persoon was al ingecheckt."))
            XCTAssertTrue(html.contains("Al ingecheckt om \(time)."))
            let after = try await Event.find(event.id, on: app.db)
            XCTAssertEqual(after?.attended, 2, "counted once")
            let still = try await EventRegistration.find(fatima.id, on: app.db)
            XCTAssertEqual(still?.checkedInAt, at, "the first time stays")
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTwoOrganisersScanningAtOnceCountThePartyOnce() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            let party = try await CheckInFixture.register(app, event, name: "Groep", email: "groep@example.nl", guests: 3)
            let (registrationID, eventID) = (try party.requireID(), try event.requireID())

            // MUT
            let outcomes = try await withThrowingTaskGroup(of: CheckIn.Outcome.self) { group in
                for _ in 0..<4 { group.addTask { try await CheckIn(app: app).run(registrationID, of: eventID, by: organiser) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // validation
            XCTAssertEqual(outcomes.filter { $0 == .checkedIn(name: "Groep", party: 4) }.count, 1)
            XCTAssertEqual(outcomes.filter { if case .alreadyCheckedIn = $0 { true } else { false } }.count, 3)
            let attended = try await Event.find(eventID, on: app.db)?.attended
            XCTAssertEqual(attended, 4)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testSignedOutTheLinkAsksToLogInAndComesBack() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            let guest = try await CheckInFixture.register(app, event, name: "Gast", email: "gast@example.nl")
            let path = EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: try guest.requireID(), app: app))).path

            // MUT
            let response = try await Browser(app).get(path)

            // validation
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.location, CorePath.logIn(returnTo: path).path)
        }
    }

    func testOnlyAConfirmedPlaceOfAScheduledEventChecksIn() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, capacity: 1, organiser: organiser)
            _ = try await CheckInFixture.register(app, event, name: "Eerste", email: "eerste@example.nl")
            let waiting = try await CheckInFixture.register(app, event, name: "Wacht", email: "wacht@example.nl", status: .waitlisted)
            let token = EventTokens.make(.checkIn, for: try waiting.requireID(), app: app)
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")

            // MUT
            let shown = try await door.get(EventsPath.checkIn(.value(token)).path)
            let posted = try await door.post(EventsPath.checkIn(.value(token)).path)
            let command = try await CheckIn(app: app).run(try waiting.requireID(), of: try event.requireID(), by: organiser)

            // validation
            XCTAssertTrue(shown.body.string.contains("Inchecken kan niet: deze aanmelding is op de wachtlijst."))
            XCTAssertFalse(shown.body.string.contains("events-checkin-button"))
            XCTAssertEqual(posted.status, .seeOther)
            XCTAssertEqual(command, .notConfirmed(.waitlisted))
            let attendedBefore = try await Event.find(event.id, on: app.db)?.attended
            XCTAssertEqual(attendedBefore, 0)

            // MUT: the event is called off
            event.status = .cancelled
            try await event.save(on: app.db)
            let confirmed = try await EventRegistration.query(on: app.db).filter(\.$name == "Eerste").first()
            let refused = try await CheckIn(app: app).run(try XCTUnwrap(confirmed?.id), of: try event.requireID(), by: organiser)

            // validation
            XCTAssertEqual(refused, .eventCancelled)
            let attendedAfter = try await Event.find(event.id, on: app.db)?.attended
            XCTAssertEqual(attendedAfter, 0)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

}

/// Registrations straight in the database, with the event's counters kept as the commands keep them.
enum CheckInFixture {
    static func register(
        _ app: Application, _ event: Event, name: String, email: String, guests: Int = 0, dietary: String? = nil,
        status: EventRegistration.Status = .confirmed
    ) async throws -> EventRegistration {
        let now = app.clock.now()
        let registration = EventRegistration()
        registration.eventID = try event.requireID()
        registration.name = name
        registration.email = email
        registration.emailKey = email.lowercased()
        registration.guests = guests
        registration.dietary = dietary
        registration.houseRulesAccepted = true
        registration.status = status
        registration.position = event.nextPosition
        registration.language = .nl
        registration.walkIn = false
        registration.paidCents = 0
        registration.createdAt = now
        registration.updatedAt = now
        try await registration.save(on: app.db)
        event.nextPosition += 1
        if status.holdsPlaces { event.placesTaken += registration.partySize }
        if status == .waitlisted { event.waitlisted += 1 }
        try await event.save(on: app.db)
        return registration
    }

    /// Gone, as an erasure removes it, with the places it held given back.
    static func remove(_ app: Application, _ registration: EventRegistration, of event: Event) async throws {
        if registration.status.holdsPlaces { event.placesTaken -= registration.partySize }
        try await event.save(on: app.db)
        try await registration.delete(on: app.db)
    }
}
