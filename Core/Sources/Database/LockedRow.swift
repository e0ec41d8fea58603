import Fluent
import FluentSQL
import Foundation
import SQLKit

extension Model {
    /// The row whose `column` is `value`, behind a row lock for the rest of the transaction on
    /// PostgreSQL (`FOR UPDATE`): two requests changing one row take turns. SQLite leaves the
    /// clause out; its write transactions (`writeTransaction`) already take turns.
    public static func locked(_ column: String, _ value: any Encodable & Sendable, on db: any Database) async throws -> Self? {
        try await db.sql.select().column("*").from(schema).where(SQLIdentifier(column), .equal, SQLBind(value))
            .for(.update).first(decodingFluent: Self.self)
    }
}

extension Model where IDValue == UUID {
    /// The row with this id, locked as `locked(_:_:on:)` does.
    public static func locked(_ id: UUID, on db: any Database) async throws -> Self? {
        try await locked("id", id, on: db)
    }
}
