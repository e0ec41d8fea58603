import Fluent
import Foundation
import Vapor

/// One visitor's session. The key is a hash of the cookie's value, so the table alone opens
/// no session; the owner is kept beside the data so that all of a person's sessions can end.
final class SessionRow: Model, @unchecked Sendable {
    static let schema = "sessions"

    // managed fields
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "expires_at") var expiresAt: Date

    // data fields
    /// The session's values as a JSON object of strings.
    @Field(key: "data") var data: String
    @OptionalField(key: "user_id") var userID: UUID?

    init() {}

    init(keyHash: String, data: SessionData, expiresAt: Date) {
        self.id = keyHash
        self.expiresAt = expiresAt
        self.set(data)
    }

    var sessionData: SessionData {
        let values = (try? JSONDecoder().decode([String: String].self, from: Data(data.utf8))) ?? [:]
        return SessionData(initialData: values)
    }

    func set(_ sessionData: SessionData) {
        let encoded = (try? JSONEncoder().encode(sessionData.snapshot)) ?? Data("{}".utf8)
        data = String(decoding: encoded, as: UTF8.self)
        userID = Session(data: sessionData).authenticated(User.self)
    }
}

struct CreateSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SessionRow.schema)
            .field("id", .string, .identifier(auto: false))
            .field("expires_at", .datetime, .required)
            .field("data", .string, .required)
            .field("user_id", .uuid)
            .create()
        try await db.sql.raw("CREATE INDEX sessions_user ON sessions (user_id)").run()
        try await db.sql.raw("CREATE INDEX sessions_expiry ON sessions (expires_at)").run()
    }

    func revert(on db: any Database) async throws { try await db.schema(SessionRow.schema).delete() }
}
