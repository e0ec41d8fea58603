import Fluent
import Vapor

/// A person's rights over their data: everything the platform holds on them as JSON,
/// and erasure. What must be kept (a ledger entry, a signature count) each feature keeps
/// without the person in it.
public struct AccountData: Sendable {
    public enum DeletionOutcome: Sendable { case deleted, wrongPassword }

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
            if let part = try await feature.exportData(of: user, on: app.db) { document[feature.name] = part }
        }
        return .object(document)
    }

    public func delete(_ user: User, password: String?) async throws -> DeletionOutcome {
        guard let password, password.count <= AccountRules.passwordMax,
            try await app.verifyPassword(password, hash: user.passwordHash)
        else { return .wrongPassword }
        let userID = try user.requireID()
        try await app.db.writeTransaction { db in
            for feature in app.features { try await feature.eraseData(of: user, on: db) }
            try await AuditEvent.query(on: db).filter(\.$actorID == userID).set(\.$actorID, to: nil).update()
            try await AuditEvent.record("account.deleted", subject: "user", by: nil, on: db)
            try await DatabaseSessions.endAll(of: userID, on: db)
            try await user.delete(on: db)
        }
        return .deleted
    }
}
