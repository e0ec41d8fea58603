import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Every route of events declares who may use it; the routes whose right comes from running THAT
/// event (its organiser, an organiser of its initiative, a coordinator) refuse a signed-in
/// resident who does not. Each helper adds its rows to `organiserOnly`.
final class EventsRouteMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccessAndRefusesOthers() async throws {
        try await withApp(features: EventFixture.features) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }

    struct Row: Sendable {
        let method: HTTPMethod
        let path: @Sendable (EventMatrixFixture) -> EventsPath
    }

    /// One row per route only an organiser of that event (or a coordinator) may use.
    static let organiserOnly: [Row] = [
        // events helper: edit and cancel
        Row(method: .GET) { .edit(.value($0.slug)) },
        Row(method: .POST) { .edit(.value($0.slug)) },
        Row(method: .GET) { .cancelEvent(.value($0.slug)) },
        Row(method: .POST) { .cancelEvent(.value($0.slug)) },
        // series helper: edit a series
        Row(method: .GET) { .editSeries(.value($0.seriesID ?? UUID())) },
        Row(method: .POST) { .editSeries(.value($0.seriesID ?? UUID())) },
        // check-in helper: attendees, check in, walk-ins
        Row(method: .GET) { .attendees(.value($0.slug)) },
        Row(method: .POST) { .checkInByName(.value($0.slug), registration: .value($0.registrationID)) },
        Row(method: .POST) { .walkIn(.value($0.slug)) },
        Row(method: .GET) { .checkIn(.value($0.checkInToken)) },
        Row(method: .POST) { .checkIn(.value($0.checkInToken)) },
        // benefit: the treasurer's refunds of paid tickets (an organiser is refused too: `.role(.treasurer)`)
        Row(method: .GET) { _ in .refunds },
        Row(method: .POST) { .refundTicket(.value($0.registrationID)) },
    ]

    func testOrganiserRoutesRefuseAResidentWhoDoesNotRunTheEvent() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let fixture = try await EventMatrixFixture.make(app)
            _ = try await app.makeUser(email: "matrix-buitenstaander@example.nl")
            let outsider = Browser(app)
            try await outsider.logIn("matrix-buitenstaander@example.nl")

            for row in Self.organiserOnly {
                let path = row.path(fixture).path
                // MUT
                let anonymous = Browser(app)
                let refusedAnonymous = row.method == .GET ? try await anonymous.get(path) : try await anonymous.post(path)
                let refused = row.method == .GET ? try await outsider.get(path) : try await outsider.post(path)

                // validation
                XCTAssertTrue(
                    [.seeOther, .unauthorized, .forbidden, .notFound].contains(refusedAnonymous.status),
                    "\(row.method) \(path) let an anonymous visitor in: \(refusedAnonymous.status)")
                XCTAssertEqual(refused.status, .forbidden, "\(row.method) \(path) let a resident who does not run it in")
            }
            let event = try await Event.find(fixture.eventID, on: app.db)
            XCTAssertEqual(event?.title, "Buurtgesprek West", "a refused post changed the event")
            XCTAssertEqual(event?.attended, 0, "a refused post checked someone in")
        }
    }
}

/// A series run by the fixture's organiser (for the series rows), straight in the database.
private func matrixSeries(_ app: Application, organiser: User) async throws -> UUID {
    let series = EventSeries()
    (series.title, series.description, series.kind, series.rule) = ("Buurtgesprek West", "Elke maand.", .meetup, "monthly:2:3")
    (series.startMinute, series.durationMinutes, series.capacity, series.status) = (1170, 120, 20, .scheduled)
    series.firstDay = AmsterdamTime.calendar.startOfDay(for: app.clock.now())
    series.lastDay = series.firstDay.addingTimeInterval(180 * 86_400)
    (series.venue, series.address, series.district, series.houseRules) = ("Buurthuis De Meeuw", "Meeuwenlaan 1", "west", "")
    (series.stepFree, series.hearingLoop, series.quietRoom, series.askDietary, series.askAccessibility) = (true, false, false, false, false)
    (series.organiserID, series.createdAt, series.updatedAt) = (try organiser.requireID(), app.clock.now(), app.clock.now())
    try await series.save(on: app.db)
    return try series.requireID()
}

/// An event with an organiser and one confirmed registration (for the check-in rows).
struct EventMatrixFixture: Sendable {
    let slug: String
    let eventID: UUID
    let organiserID: UUID
    let registrationID: UUID
    let checkInToken: String
    let seriesID: UUID?

    static func make(_ app: Application) async throws -> EventMatrixFixture {
        let organiser = try await app.makeUser(email: "matrix-organisator@example.nl")
        let event = try await EventFixture.event(app, organiser: organiser)
        let registration = EventRegistration()
        registration.eventID = try event.requireID()
        registration.name = "Gast Een"
        registration.email = "gast@example.nl"
        registration.emailKey = "gast@example.nl"
        registration.guests = 0
        registration.houseRulesAccepted = true
        registration.status = .confirmed
        registration.position = 1
        registration.language = .nl
        registration.walkIn = false
        registration.paidCents = 0
        registration.createdAt = app.clock.now()
        registration.updatedAt = app.clock.now()
        try await registration.save(on: app.db)
        event.placesTaken = 1
        event.nextPosition = 2
        try await event.save(on: app.db)
        let id = try registration.requireID()
        return EventMatrixFixture(
            slug: event.slug, eventID: try event.requireID(), organiserID: try organiser.requireID(), registrationID: id,
            checkInToken: EventTokens.make(.checkIn, for: id, app: app), seriesID: try await matrixSeries(app, organiser: organiser))
    }
}
