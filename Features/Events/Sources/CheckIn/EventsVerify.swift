import Fluent
import Foundation
import KrachtCore
import SQLKit

/// Every event's counters against its registrations, in one grouped query (the demo has thousands
/// of registrations): places held, the waitlist, attendance, the next arrival number, never
/// overbooked, and nobody checked in without a confirmed place.
enum EventsVerify {
    private struct Tally: Decodable {
        let slug: String
        let capacity: Int
        let places_taken: Int
        let waitlisted: Int
        let attended: Int
        let next_position: Int
        let held: Int?
        let waiting: Int?
        let present: Int?
        let last_position: Int?
        let odd_check_ins: Int?
    }

    static func problems(on db: any Database, now: Date) async throws -> [String] {
        try await counters(on: db) + stuckWaitlists(on: db, now: now)
    }

    /// A waitlist whose first party fits in the places left is stuck: `Waitlist.fill` should have
    /// offered them the places when they came free (events still to come, not cancelled).
    static func stuckWaitlists(on db: any Database, now: Date) async throws -> [String] {
        let events = try await Event.query(on: db).filter(\.$waitlisted > 0).filter(\.$status == .scheduled)
            .filter(\.$endsAt > now).sort(\.$slug).all()
        var problems: [String] = []
        for event in events {
            let left = event.capacity - event.placesTaken
            guard
                let head = try await EventRegistration.query(on: db).filter(\.$eventID == event.requireID())
                    .filter(\.$status == .waitlisted).sort(\.$position).first(),
                head.partySize <= left
            else { continue }
            problems.append(
                "event \(event.slug): the waitlist is stuck, its first party of \(head.partySize) fits in the \(left) places left")
        }
        return problems
    }

    private static func counters(on db: any Database) async throws -> [String] {
        let holding = EventRegistration.Status.holding.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        // Walk-ins are confirmed but never held a place (they came in at the door): not in places_taken.
        let tallies = try await db.sql.raw(
            """
            SELECT e.slug, e.capacity, e.places_taken, e.waitlisted, e.attended, e.next_position, \
            CAST(SUM(CASE WHEN r.status IN (\(unsafeRaw: holding)) AND NOT r.walk_in THEN 1 + r.guests ELSE 0 END) AS BIGINT) AS held, \
            CAST(SUM(CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END) AS BIGINT) AS waiting, \
            CAST(SUM(CASE WHEN r.checked_in_at IS NOT NULL THEN 1 + r.guests ELSE 0 END) AS BIGINT) AS present, \
            CAST(MAX(r.position) AS BIGINT) AS last_position, \
            CAST(SUM(CASE WHEN r.checked_in_at IS NOT NULL AND r.status <> 'confirmed' THEN 1 ELSE 0 END) AS BIGINT) AS odd_check_ins \
            FROM events e LEFT JOIN event_registrations r ON r.event_id = e.id \
            GROUP BY e.id, e.slug, e.capacity, e.places_taken, e.waitlisted, e.attended, e.next_position \
            ORDER BY e.slug
            """
        ).all(decoding: Tally.self)
        var problems: [String] = []
        for t in tallies {
            let event = "event \(t.slug)"
            if t.places_taken != (t.held ?? 0) {
                problems.append("\(event): places_taken is \(t.places_taken), its registrations hold \(t.held ?? 0)")
            }
            if t.waitlisted != (t.waiting ?? 0) {
                problems.append("\(event): waitlisted is \(t.waitlisted), \(t.waiting ?? 0) registrations wait")
            }
            if t.attended != (t.present ?? 0) {
                problems.append("\(event): attended is \(t.attended), \(t.present ?? 0) people are checked in")
            }
            if let last = t.last_position, t.next_position <= last {
                problems.append("\(event): next_position \(t.next_position) is not after position \(last)")
            }
            if t.places_taken > t.capacity {
                problems.append("\(event): overbooked, \(t.places_taken) places taken of \(t.capacity)")
            }
            if let odd = t.odd_check_ins, odd > 0 {
                problems.append("\(event): \(odd) registrations checked in without a confirmed place")
            }
        }
        return problems
    }
}
