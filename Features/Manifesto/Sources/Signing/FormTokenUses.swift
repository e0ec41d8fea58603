import Fluent
import Foundation
import KrachtCore
import SQLKit

/// Served forms that have been used: one form, one sign-up. A replayed token (a double click,
/// or a bot posting one scraped form many times) is answered as the form it already was.
/// Recorded in the sign-up's own transaction; the primary key settles a race between instances.
enum FormTokenUses {
    static let table = "manifesto_form_uses"

    /// Which of these token hashes were used before.
    static func used(_ hashes: [String], on db: any Database) async throws -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        let rows = try await db.sql.select().column("token_hash").from(table)
            .where(SQLIdentifier("token_hash"), .in, hashes).all()
        return Set(try rows.map { try $0.decode(column: "token_hash", as: String.self) })
    }

    static func record(_ hashes: [String], now: Date, on db: any Database) async throws {
        guard !hashes.isEmpty else { return }
        var insert = db.sql.insert(into: table).columns("token_hash", "used_at")
        for hash in hashes { insert = insert.values([hash, now] as [any Encodable & Sendable]) }
        try await insert.run()
    }

    /// A token older than its lifetime is refused anyway; its record can go.
    static func purge(before: Date, on db: any Database) async throws {
        try await db.sql.delete(from: table).where("used_at", .lessThan, before).run()
    }
}

struct CreateFormTokenUses: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(FormTokenUses.table)
            .field("token_hash", .string, .required)
            .field("used_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema(FormTokenUses.table).delete() }
}
