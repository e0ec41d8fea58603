import Fluent
import Foundation
import KrachtCore
import SQLKit

/// How long events keep what registrants told them (the daily purge). The periods:
/// - answers (dietary, accessibility): 30 days after the event ended — they were for that evening;
/// - expired and cancelled registrations without an account: anonymised 30 days after they lapsed;
/// - every registration: anonymised 12 months after its event ended (attendance counts stay).
enum EventsRetention {
    static let answersDays = 30
    static let lapsedDays = 30
    static let registrationMonths = 12
    /// Rows per round, so one purge never holds a long transaction.
    static let batch = 500

    static func purge(now: Date, on db: any Database) async throws {
        let calendar = AmsterdamTime.calendar
        let answersBefore = calendar.date(byAdding: .day, value: -answersDays, to: now) ?? now
        let lapsedBefore = calendar.date(byAdding: .day, value: -lapsedDays, to: now) ?? now
        let registrationsBefore = calendar.date(byAdding: .month, value: -registrationMonths, to: now) ?? now
        // Registrations of events that ended more than 12 months ago.
        try await anonymise(on: db) { limit in
            """
            SELECT r.id AS id FROM event_registrations r JOIN events e ON e.id = r.event_id
            WHERE e.ends_at < \(bind: registrationsBefore) AND r.email_key NOT LIKE 'erased:%' LIMIT \(unsafeRaw: String(limit))
            """
        }
        // Lapsed registrations of people without an account.
        try await anonymise(on: db) { limit in
            """
            SELECT id FROM event_registrations WHERE user_id IS NULL AND status IN ('expired', 'cancelled')
            AND updated_at < \(bind: lapsedBefore) AND email_key NOT LIKE 'erased:%' LIMIT \(unsafeRaw: String(limit))
            """
        }
        // Answers of any event that ended more than 30 days ago.
        try await db.sql.raw(
            """
            UPDATE event_registrations SET dietary = NULL, accessibility = NULL
            WHERE (dietary IS NOT NULL OR accessibility IS NOT NULL)
            AND event_id IN (SELECT id FROM events WHERE ends_at < \(bind: answersBefore))
            """
        ).run()
    }

    /// Anonymises the registrations `select` names (ids, at most `limit`), a batch at a time.
    private static func anonymise(on db: any Database, _ select: (Int) -> SQLQueryString) async throws {
        for _ in 0..<10_000 {
            let ids = try await db.sql.raw(select(batch)).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else { return }
            try await db.writeTransaction { db in
                for registration in try await EventRegistration.query(on: db).filter(\.$id ~~ ids).all() {
                    registration.anonymise()
                    try await registration.save(on: db)
                }
            }
            if ids.count < batch { return }
        }
    }
}
