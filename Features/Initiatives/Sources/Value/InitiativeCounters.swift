import Fluent
import Foundation
import KrachtCore
import SQLKit

/// Sets every maintained counter from its tables (after bulk fills and the demo): each
/// initiative's confirmed minutes, people reached and people connected, each action's accepted
/// count, and the totals row. `InitiativesVerify` compares the same counts without writing.
public enum InitiativeCounters {
    public static func recount(on db: any Database) async throws {
        let drift = try await CounterDrift.find(on: db)
        guard !drift.isEmpty else { return }
        try await db.transaction { db in
            for row in drift {
                try await db.sql.raw(
                    "UPDATE \(unsafeRaw: row.table) SET \(unsafeRaw: row.column) = \(bind: row.expected) WHERE id = \(bind: row.id)"
                ).run()
            }
        }
    }
}

/// One counter that differs from what its tables say.
struct CounterDrift: Sendable, Equatable {
    let table: String
    let id: UUID
    let column: String
    let stored: Int64
    let expected: Int64

    var line: String { "\(table) \(id) \(column): stored \(stored), counted \(expected)" }

    /// Every counter against its tables. Public means approved or archived (`Initiative.isPublic`):
    /// members of an initiative count once it is public (`Connections.countMembers`).
    static func find(on db: any Database) async throws -> [CounterDrift] {
        var drift: [CounterDrift] = []
        let hours = try await grouped(
            "SELECT initiative_id AS id, CAST(SUM(minutes) AS BIGINT) AS a, CAST(SUM(people_reached) AS BIGINT) AS b "
                + "FROM volunteer_hours WHERE state = 'confirmed' GROUP BY initiative_id", on: db)
        let members = try await grouped(
            "SELECT initiative_id AS id, COUNT(*) AS a, CAST(0 AS BIGINT) AS b FROM initiative_members GROUP BY initiative_id", on: db)
        let publicStates: [Initiative.Status] = [.approved, .archived]
        var publicCount: Int64 = 0, underFlag: Int64 = 0, minutes: Int64 = 0
        for initiative in try await Initiative.query(on: db).all() {
            let id = try initiative.requireID()
            let isPublic = publicStates.contains(initiative.status)
            if isPublic { publicCount += 1 }
            if isPublic && initiative.underFlag { underFlag += 1 }
            let confirmed = hours[id] ?? (0, 0)
            minutes += confirmed.0
            let connected = isPublic ? members[id]?.0 ?? 0 : 0
            for (column, stored, expected) in [
                ("confirmed_minutes", initiative.confirmedMinutes, confirmed.0),
                ("people_reached", initiative.peopleReached, confirmed.1),
                ("people_connected", initiative.peopleConnected, connected),
            ] where stored != expected {
                drift.append(CounterDrift(table: Initiative.schema, id: id, column: column, stored: stored, expected: expected))
            }
        }
        let accepted = try await grouped(
            "SELECT action_id AS id, COUNT(*) AS a, CAST(0 AS BIGINT) AS b FROM action_participations WHERE state = 'accepted' GROUP BY action_id",
            on: db)
        for action in try await InitiativeAction.query(on: db).field(\.$id).field(\.$acceptedCount).all() {
            let id = try action.requireID()
            let expected = accepted[id]?.0 ?? 0
            if Int64(action.acceptedCount) != expected {
                drift.append(
                    CounterDrift(
                        table: InitiativeAction.schema, id: id, column: "accepted_count", stored: Int64(action.acceptedCount),
                        expected: expected))
            }
        }
        let totals = try await InitiativeTotals.current(on: db)
        let connections = Int64(try await Connection.query(on: db).count())
        for (column, stored, expected) in [
            ("public_initiatives", totals.publicInitiatives, publicCount), ("under_flag", totals.underFlag, underFlag),
            ("people_connected", totals.peopleConnected, connections), ("confirmed_minutes", totals.confirmedMinutes, minutes),
        ] where stored != expected {
            drift.append(
                CounterDrift(table: InitiativeTotals.schema, id: InitiativeTotals.rowID, column: column, stored: stored, expected: expected)
            )
        }
        return drift
    }

    private struct Row: Decodable {
        let id: UUID
        let a: Int64
        let b: Int64
    }

    /// Two sums per id, from a query selecting `id`, `a` and `b`.
    private static func grouped(_ query: String, on db: any Database) async throws -> [UUID: (Int64, Int64)] {
        var result: [UUID: (Int64, Int64)] = [:]
        for row in try await db.sql.raw(SQLQueryString(query)).all(decoding: Row.self) { result[row.id] = (row.a, row.b) }
        return result
    }
}
