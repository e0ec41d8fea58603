import Fluent
import Vapor

/// A person's rights over their data: everything the platform holds on them as JSON,
/// and erasure. What must be kept (a ledger entry, a signature count) each feature keeps
/// without the person in it.
public struct AccountData: Sendable {
    public enum DeletionOutcome: Sendable { case deleted, wrongPassword, rateLimited }

    let app: Application

    public init(app: Application) { self.app = app }

    public func export(of user: User) async throws -> JSONValue {
        let roles = try await user.roles(on: app.db).map(\.rawValue).sorted()
        var document: [String: JSONValue] = [
            "exported_at": .string(ISO8601DateFormatter().string(from: app.clock.now())),
            "account": [
                "id": .string(try user.requireID().uuidString),
                "name": .string(user.name),
                "email": .string(user.email),
                "language": .string(user.language),
                "email_confirmed_at": user.emailConfirmedAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null,
                "created_at": user.createdAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null,
                "roles": .array(roles.map { .string($0) }),
            ],
        ]
        for feature in app.features {
            if let part = try await feature.exportData(of: user, app: app) { document[feature.name] = part }
        }
        return .object(document)
    }

    public func delete(_ user: User, password: String?) async throws -> DeletionOutcome {
        let userID = try user.requireID()
        guard try await ChangePassword.perUser.hit(userID.uuidString, now: app.clock.now(), on: app.db) else { return .rateLimited }
        guard let password, password.count <= AccountRules.passwordMax,
            try await app.verifyPassword(password, hash: user.passwordHash)
        else { return .wrongPassword }
        try await app.db.writeTransaction { db in
            for feature in app.features { try await feature.eraseData(of: user, app: app, on: db) }
            try await eraseMail(of: user, on: db)
            try await AuditEvent.query(on: db).filter(\.$actorID == userID).set(\.$actorID, to: nil).update()
            try await AuditEvent.record("account.deleted", subject: "user", by: nil, on: db)
            try await DatabaseSessions.endAll(of: userID, on: db)
            try await user.delete(on: db)
        }
        return .deleted
    }

    /// Mail to the person, in every state, holds their address and name; so do mail to an
    /// address they were moving to or from, and a queued password-reset request.
    private func eraseMail(of user: User, on db: any Database) async throws {
        let tokens = try await AccountToken.query(on: db).filter(\.$user.$id == user.requireID()).all()
        let addresses = Array(Set([user.email] + tokens.compactMap(\.newEmail)))
        try await OutboxMessage.query(on: db).filter(\.$recipient ~~ addresses).delete()
        try await Job.query(on: db).filter(\.$kind == ResetPassword.requestJob).filter(\.$payload ~~ addresses).delete()
    }
}
