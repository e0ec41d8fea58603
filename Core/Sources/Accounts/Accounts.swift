import Fluent
import Vapor

public enum Accounts {
    /// The accounts' background work: mailing a reset link (see `ResetPassword.request`).
    static let jobs = [
        JobDefinition(kind: ResetPassword.requestJob) { app, email in try await ResetPassword(app: app).send(to: email) }
    ]

    /// Creates an account directly (command line, demo, tests), bypassing the mail round-trip.
    @discardableResult
    public static func create(
        app: Application, name: String, email: String, password: String, confirmed: Bool, roles: [Role] = [],
        language: Language = .nl
    ) async throws -> User {
        let user = User(
            name: name, email: EmailAddress.normalizedForAccount(email),
            passwordHash: try await app.hashPassword(password), language: language)
        user.emailConfirmedAt = confirmed ? app.clock.now() : nil
        try await app.db.transaction { db in
            try await user.create(on: db)
            for role in roles where role != .resident {
                try await RoleGrant(userID: try user.requireID(), role: role, grantedByID: nil).create(on: db)
            }
        }
        return user
    }
}
