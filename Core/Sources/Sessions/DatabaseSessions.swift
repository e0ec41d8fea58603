import Fluent
import Vapor

/// Sessions in the database, so that any instance serves any visitor, and with an end: a
/// session unused for `lifetime` is gone, and a password reset or a deleted account ends
/// all of a person's sessions. A request that changes nothing writes nothing, but for
/// extending the session at most once per `refreshInterval`.
public struct DatabaseSessions: AsyncSessionDriver {
    public static let lifetime: TimeInterval = 30 * 86400
    static let refreshInterval: TimeInterval = 3600

    public func createSession(_ data: SessionData, for req: Request) async throws -> SessionID {
        let secret = SecureToken.make()
        let expiresAt = req.application.clock.now().addingTimeInterval(Self.lifetime)
        try await SessionRow(keyHash: SecureToken.hash(secret), data: data, expiresAt: expiresAt).create(on: req.db)
        return SessionID(string: secret)
    }

    public func readSession(_ sessionID: SessionID, for req: Request) async throws -> SessionData? {
        guard sessionID.string.count <= 100,
            let row = try await SessionRow.find(SecureToken.hash(sessionID.string), on: req.db),
            row.expiresAt > req.application.clock.now()
        else { return nil }
        let data = row.sessionData
        req.storage[AsRead.self] = AsRead(data: data, expiresAt: row.expiresAt)
        return data
    }

    /// Never re-creates a row: a session ended elsewhere (logged out everywhere) stays ended.
    public func updateSession(_ sessionID: SessionID, to data: SessionData, for req: Request) async throws -> SessionID {
        let expiresAt = req.application.clock.now().addingTimeInterval(Self.lifetime)
        if let read = req.storage[AsRead.self], read.data == data, expiresAt.timeIntervalSince(read.expiresAt) < Self.refreshInterval {
            return sessionID
        }
        let key = SecureToken.hash(sessionID.string)
        let row = SessionRow(keyHash: key, data: data, expiresAt: expiresAt)
        try await SessionRow.query(on: req.db).filter(\.$id == key)
            .set(\.$data, to: row.data).set(\.$userID, to: row.userID).set(\.$expiresAt, to: expiresAt).update()
        return sessionID
    }

    public func deleteSession(_ sessionID: SessionID, for req: Request) async throws {
        try await SessionRow.query(on: req.db).filter(\.$id == SecureToken.hash(sessionID.string)).delete()
    }

    /// Logs a person out everywhere.
    public static func endAll(of userID: UUID, on db: any Database) async throws {
        try await SessionRow.query(on: db).filter(\.$userID == userID).delete()
    }

    static func purge(before now: Date, on db: any Database) async throws {
        try await SessionRow.query(on: db).filter(\.$expiresAt <= now).delete()
    }

    /// The session as this request found it, to tell whether it needs writing back.
    private struct AsRead: StorageKey {
        typealias Value = AsRead
        var data: SessionData
        var expiresAt: Date
    }
}
