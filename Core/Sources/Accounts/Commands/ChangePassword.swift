import Fluent
import Vapor

/// A signed-in person sets a new password, proving the current one. Like a reset, it voids the
/// pending links and ends the other sessions (this browser stays signed in), and the address is
/// told, so that a change made by someone else does not go unnoticed.
public struct ChangePassword: Sendable {
    public enum Outcome: Sendable { case changed, wrongPassword, invalid(FormErrors), rateLimited }

    /// Guesses of the current password by whoever holds a stolen session (here and when
    /// deleting the account), counted before the password is checked.
    static let perUser = RateLimiter(name: "password-check-user", limit: 5, window: 900)

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(user: User, current: String?, new rawPassword: String?, language: Language, keepSession sessionID: String?)
        async throws -> Outcome
    {
        var errors = FormErrors()
        let password = AccountRules.checkPassword(rawPassword, email: user.email, &errors) { app.catalogue.text($0, in: language) }
        let now = app.clock.now()
        let userID = try user.requireID()
        guard try await Self.perUser.hit(userID.uuidString, now: now, on: app.db) else { return .rateLimited }
        let current = current ?? ""
        guard current.count <= AccountRules.passwordMax, try await app.verifyPassword(current, of: user) else { return .wrongPassword }
        guard errors.isEmpty else { return .invalid(errors) }
        let hash = try await app.hashPassword(password)
        try await app.db.writeTransaction { db in
            guard let stored = try await User.find(userID, on: db) else { return }
            stored.passwordHash = hash
            try await stored.save(on: db)
            try await AccountToken.voidPending(of: userID, now: now, on: db)
            let others = SessionRow.query(on: db).filter(\.$userID == userID)
            if let sessionID { others.filter(\.$id != SecureToken.hash(sessionID)) }
            try await others.delete()
            try await AuditEvent.record("account.password_changed", subject: "user:\(userID)", by: userID, on: db)
            try await app.mailer.enqueue(
                to: stored.email, language: stored.preferredLanguage, subjectKey: "mail.password_changed.subject",
                view: "mail/password-changed", context: ["name": stored.name, "link": CorePath.forgotPassword.url(on: app)],
                on: db)
        }
        try await Self.perUser.reset(userID.uuidString, now: now, on: app.db)
        return .changed
    }
}
