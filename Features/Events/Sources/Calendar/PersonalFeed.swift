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
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard token.count < 120, parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit),
            let userID = uuid(fromHex: String(parts[0]).lowercased()),
            let salt = try await salt(of: userID, on: db)
        else { return nil }
        let given = String(parts[1])
        let genuine = app.sealer.blindIndexes(hex(userID) + salt, context: context).contains {
            SecureToken.constantTimeEquals(signature($0), given)
        }
        return genuine ? userID : nil
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
        hex(userID) + "-" + signature(app.sealer.blindIndex(hex(userID) + salt, context: context))
    }

    /// 128 bits of the keyed hash (its hex after the key version).
    private static func signature(_ index: String) -> String { String(index.split(separator: ".").last?.prefix(32) ?? "") }

    private static func hex(_ id: UUID) -> String { id.uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    private static func uuid(fromHex hex: String) -> UUID? {
        let chars = Array(hex)
        return UUID(uuidString: [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-"))
    }
}
