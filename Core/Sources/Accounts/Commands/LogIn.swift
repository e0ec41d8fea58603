import Fluent
import Vapor

/// Checks a password. Attempts are counted atomically BEFORE the password is checked, so
/// parallel guesses cannot slip past the count. The attacker is throttled, not the owner:
/// hard limits per IP and per account from one IP; an account under attack from many IPs is
/// slowed (one checked attempt per gap, growing with the failures) but never locked. An attacker
/// who fires at the start of every gap would take each slot, so a browser that has logged in to
/// the account before (a valid `DeviceCookie`) skips the gaps; a new device still faces them.
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
    /// Attempts with one device cookie: a stolen cookie must not become a way around the gaps.
    static let perDevice = RateLimiter(name: "login-device", limit: 10, window: 3600)

    let app: Application

    public init(app: Application) { self.app = app }

    /// `device` is the request's `DeviceCookie` value, if any.
    public func run(email rawEmail: String?, password: String?, ip: String, device: String? = nil) async throws -> Outcome {
        let email = EmailAddress.normalizedForAccount(rawEmail ?? "")
        let password = password ?? ""
        let now = app.clock.now()
        guard !email.isEmpty, password.count <= AccountRules.passwordMax else { return .wrongCredentials }
        let db = app.db

        guard try await Self.perIP.hit(ip, now: now, on: db) else { return .rateLimited(retryAfter: 900) }
        let accountFromIP = "\(email)|\(ip)"
        guard try await Self.perAccountFromIP.hit(accountFromIP, now: now, on: db) else { return .rateLimited(retryAfter: 900) }
        let user = try await User.find(email: email, on: db)
        let knownDevice = try await knownDevice(device, of: user, now: now)
        let attempt = try await Self.perAccount.hits(email, count: 1, now: now, on: db)
        if knownDevice == nil, attempt > Self.freeAttempts,
            let gap = Self.gaps.first(where: { attempt - Self.freeAttempts <= $0.upTo })?.limiter
        {
            guard try await gap.hit(email, now: now, on: db) else {
                // A refused attempt is not a failure: it must not make the gaps grow.
                _ = try await Self.perAccount.hits(email, count: -1, now: now, on: db)
                return .rateLimited(retryAfter: Int(gap.window))
            }
        }

        guard try await app.verifyPassword(password, of: user), let user else { return .wrongCredentials }
        if let knownDevice { _ = try await Self.perDevice.hits(knownDevice, count: -1, now: now, on: db) }
        // The owner's own success counts against no one.
        _ = try await Self.perIP.hits(ip, count: -1, now: now, on: db)
        _ = try await Self.perAccount.hits(email, count: -1, now: now, on: db)
        try await Self.perAccountFromIP.reset(accountFromIP, now: now, on: db)
        guard user.emailConfirmedAt != nil else { return .unconfirmed }
        return .loggedIn(user)
    }

    /// The nonce of a genuine device cookie of this very account that is not over its own limit
    /// (the attempt is counted against it first, like every other limit here).
    private func knownDevice(_ device: String?, of user: User?, now: Date) async throws -> String? {
        guard let user, let cookie = DeviceCookie.verify(device, key: app.config.secretKey), cookie.userID == user.id,
            try await Self.perDevice.hit(cookie.nonce, now: now, on: app.db)
        else { return nil }
        return cookie.nonce
    }
}
