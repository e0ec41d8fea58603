import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// An event as open data: what, when (UTC, with the zone it is held in), where, and its counts.
/// Nothing personal: no organiser, no registrations, no e-mail addresses.
struct EventJSON: Content {
    var slug, title, description, kind, status: String
    var starts_at, ends_at, registration_deadline: String
    var time_zone: String
    var venue, address: String
    var district, area, online_url, initiative: String?
    var step_free, hearing_loop, quiet_room: Bool
    var capacity, places_left, waitlisted, attended: Int
    var ticket_price_cents: Int64
    var url, calendar_url: String

    enum Keys: String, CodingKey {
        case slug, title, description, kind, status, starts_at, ends_at, registration_deadline, time_zone, venue, address
        case district, area, online_url, initiative, step_free, hearing_loop, quiet_room, capacity, places_left, waitlisted
        case attended, ticket_price_cents, url, calendar_url
    }
    // Absent values are written as null: every key is always there (the OpenAPI schema requires them).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(title, forKey: .title)
        try c.encode(description, forKey: .description)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(starts_at, forKey: .starts_at)
        try c.encode(ends_at, forKey: .ends_at)
        try c.encode(registration_deadline, forKey: .registration_deadline)
        try c.encode(time_zone, forKey: .time_zone)
        try c.encode(venue, forKey: .venue)
        try c.encode(address, forKey: .address)
        try c.encode(district, forKey: .district)
        try c.encode(area, forKey: .area)
        try c.encode(online_url, forKey: .online_url)
        try c.encode(initiative, forKey: .initiative)
        try c.encode(step_free, forKey: .step_free)
        try c.encode(hearing_loop, forKey: .hearing_loop)
        try c.encode(quiet_room, forKey: .quiet_room)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(places_left, forKey: .places_left)
        try c.encode(waitlisted, forKey: .waitlisted)
        try c.encode(attended, forKey: .attended)
        try c.encode(ticket_price_cents, forKey: .ticket_price_cents)
        try c.encode(url, forKey: .url)
        try c.encode(calendar_url, forKey: .calendar_url)
    }

    struct List: Content {
        var page, per_page, total: Int
        var events: [EventJSON]
    }

    /// The given events, in order; their initiatives by slug in one query (public ones only).
    static func make(_ events: [Event], app: Application, on db: any Database) async throws -> [EventJSON] {
        let initiativeIDs = Array(Set(events.compactMap(\.initiativeID)))
        let initiatives = initiativeIDs.isEmpty ? [] : try await Initiative.query(on: db).filter(\.$id ~~ initiativeIDs).all()
        let slugs = Dictionary(initiatives.filter(\.isPublic).map { ($0.id!, $0.slug) }, uniquingKeysWith: { first, _ in first })
        let iso = ISO8601DateFormatter()
        return events.map { event in
            let slug = Parameter<String>.value(event.slug)
            return EventJSON(
                slug: event.slug, title: event.title, description: event.description, kind: event.kind.rawValue,
                status: event.status.rawValue, starts_at: iso.string(from: event.startsAt), ends_at: iso.string(from: event.endsAt),
                registration_deadline: iso.string(from: event.registrationDeadline), time_zone: AmsterdamTime.zone.identifier,
                venue: event.venue, address: event.address, district: event.district, area: event.area, online_url: event.onlineURL,
                initiative: event.initiativeID.flatMap { slugs[$0] }, step_free: event.stepFree, hearing_loop: event.hearingLoop,
                quiet_room: event.quietRoom, capacity: event.capacity, places_left: event.placesLeft, waitlisted: event.waitlisted,
                attended: event.attended, ticket_price_cents: event.ticketPriceCents, url: EventsPath.event(slug).url(on: app),
                calendar_url: EventsPath.eventCalendar(slug).url(on: app))
        }
    }
}
