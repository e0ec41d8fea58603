import Fluent
import Vapor

/// Checks a password, with failures counted per address and per IP in the database so
/// guessing is slowed on every app instance.
public struct LogIn: Sendable {
    public enum Outcome: Sendable { case loggedIn(User), wrongCredentials, unconfirmed, rateLimited }

    static let perAccount = RateLimiter(name: "login-account", limit: 5, window: 900)
    static let perIP = RateLimiter(name: "login-ip", limit: 20, window: 900)

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(email rawEmail: String?, password: String?, ip: String) async throws -> Outcome {
        let email = EmailAddress.normalizedForAccount(rawEmail ?? "")
        let password = password ?? ""
        let now = app.clock.now()
        if try await Self.perAccount.isExceeded(email, now: now, on: app.db),
            !email.isEmpty
        {
            return .rateLimited
        }
        if try await Self.perIP.isExceeded(ip, now: now, on: app.db) { return .rateLimited }

        guard !email.isEmpty, password.count <= AccountRules.passwordMax,
            let user = try await User.find(email: email, on: app.db),
            try await app.verifyPassword(password, hash: user.passwordHash)
        else {
            try await Self.perAccount.hit(email, now: now, on: app.db)
            try await Self.perIP.hit(ip, now: now, on: app.db)
            return .wrongCredentials
        }
        guard user.emailConfirmedAt != nil else { return .unconfirmed }
        try await Self.perAccount.reset(email, now: now, on: app.db)
        return .loggedIn(user)
    }
}
