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
        let existing = try await InitiativeMember.query(on: db)
            .filter(\.$initiativeID == initiativeID).filter(\.$userID == userID).first()
        guard existing == nil else { return false }
        let member = InitiativeMember()
        member.initiativeID = initiativeID
        member.userID = userID
        member.source = source
        member.joinedAt = now
        try await member.create(on: db)
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
        guard try await Connection.query(on: db).filter(\.$userID == userID).first() == nil else { return }
        let connection = Connection()
        connection.userID = userID
        connection.via = via
        connection.connectedAt = now
        try await connection.create(on: db)
        try await InitiativeTotals.adjust(.peopleConnected, by: 1, on: db)
    }
}
