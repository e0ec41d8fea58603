import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The plan's "subscribers or attendees" (target in `targets-2025.csv`) and the people who came
/// to events; neither is a headline figure. The agenda is one of the home page's calls to action.
enum EventIndicators {
    static var all: [Indicator] {
        [
            Indicator.fromApp(key: "subscribers_or_attendees", unit: "people") { app in
                try await ReachedPeople.count(app) + walkInsWithoutAddress(on: app.db)
            },
            Indicator(key: "event_attendees", unit: "people") { db in try await attendees(on: db) },
        ]
    }

    static var callsToAction: [CallToAction] {
        [CallToAction(textKey: "events.cta.come", path: EventsPath.agenda().path, order: 40)]
    }

    private struct Count: Decodable { let n: Int64? }

    /// Everyone checked in, walk-ins and guests included: the maintained counters.
    static func attendees(on db: any Database) async throws -> Int64 {
        try await db.sql.raw("SELECT CAST(SUM(attended) AS BIGINT) AS n FROM events").first(decoding: Count.self)?.n ?? 0
    }

    /// People (by their address's key) who hold a confirmed place for, or came to, an event:
    /// counted once with every other feature's (`ReachedPeople`).
    static let reachedPeopleQuery = """
        SELECT email_key AS mailbox FROM event_registrations \
        WHERE email_key <> '' AND (status = 'confirmed' OR checked_in_at IS NOT NULL)
        """

    /// A walk-in without an address counts once per person in their party.
    static func walkInsWithoutAddress(on db: any Database) async throws -> Int64 {
        try await db.sql.raw(
            """
            SELECT CAST(COALESCE(SUM(1 + guests), 0) AS BIGINT) AS n FROM event_registrations \
            WHERE email_key = '' AND (status = 'confirmed' OR checked_in_at IS NOT NULL)
            """
        ).first(decoding: Count.self)?.n ?? 0
    }
}
