import Fluent
import KrachtCore
import SQLKit
import Vapor

/// A campaign's `ref` code on an event link (`/evenementen/<slug>?ref=…`): carried through the
/// registration form as a hidden field into the registration, and counted per code for the
/// movement's campaign register (confirmed registrations only).
enum EventReferrals {
    static let all: [Referral] = [
        Referral(key: "registrations", labelKey: "events.referral.registrations") { codes, app in
            guard !codes.isEmpty else { return 0 }
            return Int64(
                try await EventRegistration.query(on: app.db).filter(\.$status == .confirmed).filter(\.$ref ~~ codes.map(Optional.some))
                    .count())
        }
    ]

    /// A code as links carry it (lowercase letters, digits, hyphens and underscores, 2–40), or
    /// nil: anything else is dropped, never an error for the person registering.
    static func ref(_ raw: String?) -> String? {
        guard let raw, (2...40).contains(raw.count),
            raw.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { return nil }
        return raw
    }
}

/// Registrations remember the campaign code they came through.
struct AddRegistrationRef: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(EventRegistration.schema).field("ref", .string).update()
        try await db.sql.create(index: "event_registrations_ref").on(EventRegistration.schema).column("ref").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "event_registrations_ref").run()
        try await db.schema(EventRegistration.schema).deleteField("ref").update()
    }
}
