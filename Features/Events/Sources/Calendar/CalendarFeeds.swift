import Fluent
import Foundation
import KrachtCore

/// What each feed holds: events from a month ago on (a calendar keeps what it has seen), at most
/// `maxEvents`, cancelled ones included so subscribers see them struck out.
enum CalendarFeeds {
    static let maxEvents = 1_000
    static let window: TimeInterval = 30 * 86_400
    /// A person's registrations read for their feed, at most.
    static let maxRegistrations = 5_000

    static func all(now: Date, on db: any Database) async throws -> [Event] {
        try await upcoming(now: now, on: db).all()
    }

    static func district(_ district: String, now: Date, on db: any Database) async throws -> [Event] {
        try await upcoming(now: now, on: db).filter(\.$district == district).all()
    }

    /// The events `userID` holds places for or waits for.
    static func personal(_ userID: UUID, now: Date, on db: any Database) async throws -> [Event] {
        let active = EventRegistration.Status.holding + [.waitlisted]
        let eventIDs = try await EventRegistration.query(on: db).filter(\.$userID == userID).filter(\.$status ~~ active)
            .field(\.$eventID).limit(maxRegistrations).all().map(\.eventID)
        guard !eventIDs.isEmpty else { return [] }
        return try await upcoming(now: now, on: db).filter(\.$id ~~ Array(Set(eventIDs))).all()
    }

    private static func upcoming(now: Date, on db: any Database) -> QueryBuilder<Event> {
        Event.query(on: db).filter(\.$startsAt >= now.addingTimeInterval(-window)).sort(\.$startsAt).sort(\.$id).limit(maxEvents)
    }
}
