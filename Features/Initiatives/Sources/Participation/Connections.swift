import Fluent
import Foundation
import KrachtCore

/// Connecting a person to an initiative, counted once: the plan's indicator "people connected to
/// an initiative or action" (`InitiativeTotals.peopleConnected`) counts each person once ever, an
/// initiative's `peopleConnected` each of its members once. Every path that connects someone —
/// an organiser accepting them on an action, an idea's supporters when the idea's initiative is
/// approved — goes through here, in the caller's transaction.
public enum Connections {
    /// Makes `userID` a member of the initiative and counts them where they are new. Members of
    /// an initiative that is not yet public are counted when it is approved (`countMembers`).
    @discardableResult
    public static func connect(
        _ userID: UUID, to initiative: Initiative, via source: InitiativeMember.Source, at now: Date, on db: any Database
    ) async throws -> Bool {
        let initiativeID = try initiative.requireID()
        // Insert-or-nothing rather than read-then-insert: two organisers accepting the same
        // person on two actions at once (different action locks) must not hit the unique index.
        let inserted = try await db.sql.raw(
            """
            INSERT INTO \(unsafeRaw: InitiativeMember.schema) (id, initiative_id, user_id, source, joined_at)
            VALUES (\(bind: UUID()), \(bind: initiativeID), \(bind: userID), \(bind: source.rawValue), \(bind: now))
            ON CONFLICT (initiative_id, user_id) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { return false }
        guard initiative.isPublic else { return true }
        try await count(userID, in: initiativeID, via: source == .idea ? .member : .action, at: now, on: db)
        return true
    }

    /// On approval: counts every member the initiative already has (an idea's supporters).
    public static func countMembers(of initiative: Initiative, at now: Date, on db: any Database) async throws {
        let initiativeID = try initiative.requireID()
        let members = try await InitiativeMember.query(on: db).filter(\.$initiativeID == initiativeID).all()
        for member in members {
            try await count(member.userID, in: initiativeID, via: .member, at: now, on: db)
        }
    }

    private static func count(_ userID: UUID, in initiativeID: UUID, via: Connection.Via, at now: Date, on db: any Database) async throws {
        try await db.sql.raw(
            "UPDATE initiatives SET people_connected = people_connected + 1 WHERE id = \(bind: initiativeID)"
        ).run()
        // Counted once ever: only the transaction whose row lands counts the person.
        let inserted = try await db.sql.raw(
            """
            INSERT INTO \(unsafeRaw: Connection.schema) (id, user_id, via, connected_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: via.rawValue), \(bind: now))
            ON CONFLICT (user_id) DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else { return }
        try await InitiativeTotals.adjust(.peopleConnected, by: 1, on: db)
    }
}
