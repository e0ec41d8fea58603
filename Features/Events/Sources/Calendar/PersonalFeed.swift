import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A person's private feed address: their user id (hex) and 128 bits of a keyed hash of it with
/// their salt (`EventFeedKey`). Nothing is stored but the salt; a new salt (a reset) makes the
/// old address stop working, for a calendar shared by mistake.
enum PersonalFeed {
    static let context = "events.feed"

    /// The token of `userID`'s feed; the salt is made on first use.
    static func token(for userID: UUID, app: Application, on db: any Database) async throws -> String {
        if let salt = try await salt(of: userID, on: db) { return token(userID, salt: salt, app: app) }
        try await db.sql.raw(
            """
            INSERT INTO event_feed_keys (id, user_id, salt, created_at)
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: SecureToken.make()), \(bind: app.clock.now()))
            ON CONFLICT (user_id) DO NOTHING
            """
        ).run()
        // Two first uses at once: both read the salt that won.
        guard let salt = try await salt(of: userID, on: db) else { throw Abort(.internalServerError) }
        return token(userID, salt: salt, app: app)
    }

    /// The user a token names, if it is genuine and current.
    static func user(from token: String, app: Application, on db: any Database) async throws -> UUID? {
        guard let (userID, signature) = SignedID.parse(token), let salt = try await salt(of: userID, on: db),
            SignedID.isGenuine(signature, of: userID, context: context, salt: salt, app: app)
        else { return nil }
        return userID
    }

    enum ResetOutcome: Equatable { case reset }

    /// A new salt: the old address answers 404 from now on.
    static func reset(for userID: UUID, app: Application) async throws -> ResetOutcome {
        try await app.db.writeTransaction { db in
            try await db.sql.raw(
                """
                INSERT INTO event_feed_keys (id, user_id, salt, created_at)
                VALUES (\(bind: UUID()), \(bind: userID), \(bind: SecureToken.make()), \(bind: app.clock.now()))
                ON CONFLICT (user_id) DO UPDATE SET salt = excluded.salt, created_at = excluded.created_at
                """
            ).run()
        }
        return .reset
    }

    private static func salt(of userID: UUID, on db: any Database) async throws -> String? {
        try await EventFeedKey.query(on: db).filter(\.$userID == userID).first()?.salt
    }

    private static func token(_ userID: UUID, salt: String, app: Application) -> String {
        SignedID.make(userID, context: context, salt: salt, app: app)
    }
}
