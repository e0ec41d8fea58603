import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The events' attendees for newsletter segments: registrations confirmed or checked in.
enum EventAudiences {
    private struct Row: Decodable { let mailbox: String }

    static let all: [Audience] = [
        Audience(key: "attendees", labelKey: "events.audience.attendees") { app in
            let rows = try await app.db.sql.raw(
                """
                SELECT DISTINCT email_key AS mailbox FROM event_registrations \
                WHERE email_key <> '' AND (status = 'confirmed' OR checked_in_at IS NOT NULL)
                """
            ).all(decoding: Row.self)
            return Set(rows.map(\.mailbox))
        }
    ]
}
