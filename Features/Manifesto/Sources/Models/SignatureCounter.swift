import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The public count, kept as maintained counters updated in the same transaction as every
/// confirmation, withdrawal, void and paper batch — never a COUNT(*) per page view.
/// `kracht verify` checks them against the table.
enum SignatureCounter {
    enum Key: String, CaseIterable { case online, paper }

    static func add(_ delta: Int, to key: Key, on db: any Database) async throws {
        guard delta != 0 else { return }
        try await db.sql.raw("UPDATE manifesto_counters SET value = value + \(bind: delta) WHERE key = \(bind: key.rawValue)").run()
    }

    /// After a change to the count: the cached public numbers are read afresh.
    static func changed(_ app: Application) {
        app.manifestoCount.clear()
        app.indicators.invalidate()
    }

    static func values(on db: any Database) async throws -> [Key: Int64] {
        var values: [Key: Int64] = [:]
        for row in try await db.sql.raw("SELECT key, value FROM manifesto_counters").all() {
            if let key = Key(rawValue: try row.decode(column: "key", as: String.self)) {
                values[key] = try row.decode(column: "value", as: Int64.self)
            }
        }
        return values
    }

    static func total(on db: any Database) async throws -> Int64 {
        try await values(on: db).values.reduce(0, +)
    }

    /// What the counters should be, counted from the table.
    static func recount(on db: any Database) async throws -> [Key: Int64] {
        var values: [Key: Int64] = [:]
        for key in Key.allCases {
            let row = try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM signatures WHERE status = 'confirmed' AND source = \(bind: key.rawValue)
                """
            ).first()
            values[key] = try row?.decode(column: "n", as: Int64.self) ?? 0
        }
        return values
    }
}
