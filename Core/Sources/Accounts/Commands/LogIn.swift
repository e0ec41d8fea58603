import Fluent
import Vapor

/// Checks a password. Attempts are counted atomically BEFORE the password is checked, so
/// parallel guesses cannot slip past the count. The attacker is throttled, not the owner:
/// hard limits per IP and per account from one IP; an account under attack from many IPs is
/// slowed (one checked attempt per gap, growing with the failures) but never locked, so the
/// owner from another address still gets in.
public struct LogIn: Sendable {
    public enum Outcome: Sendable { case loggedIn(User), wrongCredentials, unconfirmed, rateLimited(retryAfter: Int) }

    static let perIP = RateLimiter(name: "login-ip", limit: 20, window: 900)
    static let perAccountFromIP = RateLimiter(name: "login-account-ip", limit: 5, window: 900)
    /// Checked attempts on one account from anywhere; above `freeAttempts` the gaps apply.
    static let perAccount = RateLimiter(name: "login-account", limit: Int.max, window: 3600)
    static let freeAttempts = 10
    /// One checked attempt per slot: 10 s while the failures are few, then a minute.
    static let gaps = [
        (upTo: 30, limiter: RateLimiter(name: "login-gap-10", limit: 1, window: 10)),
        (upTo: Int.max, limiter: RateLimiter(name: "login-gap-60", limit: 1, window: 60)),
    ]

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(email rawEmail: String?, password: String?, ip: String) async throws -> Outcome {
        let email = EmailAddress.normalizedForAccount(rawEmail ?? "")
        let password = password ?? ""
        let now = app.clock.now()
        guard !email.isEmpty, password.count <= AccountRules.passwordMax else { return .wrongCredentials }
        let db = app.db

        guard try await Self.perIP.hit(ip, now: now, on: db) else { return .rateLimited(retryAfter: 900) }
        let accountFromIP = "\(email)|\(ip)"
        guard try await Self.perAccountFromIP.hit(accountFromIP, now: now, on: db) else { return .rateLimited(retryAfter: 900) }
        let attempt = try await Self.perAccount.hits(email, count: 1, now: now, on: db)
        if attempt > Self.freeAttempts, let gap = Self.gaps.first(where: { attempt - Self.freeAttempts <= $0.upTo })?.limiter {
            guard try await gap.hit(email, now: now, on: db) else {
                // A refused attempt is not a failure: it must not make the gaps grow.
                _ = try await Self.perAccount.hits(email, count: -1, now: now, on: db)
                return .rateLimited(retryAfter: Int(gap.window))
            }
        }

        let user = try await User.find(email: email, on: db)
        guard try await app.verifyPassword(password, of: user), let user else { return .wrongCredentials }
        // The owner's own success counts against no one.
        _ = try await Self.perIP.hits(ip, count: -1, now: now, on: db)
        _ = try await Self.perAccount.hits(email, count: -1, now: now, on: db)
        try await Self.perAccountFromIP.reset(accountFromIP, now: now, on: db)
        guard user.emailConfirmedAt != nil else { return .unconfirmed }
        return .loggedIn(user)
    }
}
