import Fluent
import Vapor

/// Forgotten password: a link by mail (only if the account exists; the visitor always
/// sees the same answer), then a new password through that link.
public struct ResetPassword: Sendable {
    public enum Outcome: Sendable { case reset, invalid(FormErrors), expired, used, unknown }

    static let lifetime: TimeInterval = 3600
    static let limiter = RateLimiter(name: "reset-ip", limit: 10, window: 3600)

    let app: Application

    public init(app: Application) { self.app = app }

    /// Returns false only when the visitor asked too often. Known and unknown addresses take
    /// the same path here (one queued job), so neither the answer nor its timing tells whether
    /// an account exists; the job looks the address up and mails.
    public func request(email rawEmail: String?, ip: String) async throws -> Bool {
        let email = EmailAddress.normalizedForAccount(rawEmail ?? "")
        let now = app.clock.now()
        guard try await Self.limiter.hit(ip, now: now, on: app.db) else { return false }
        guard EmailAddress.isValid(email) else { return true }
        try await JobQueue.enqueue(Self.requestJob, payload: email, runAt: now, on: app.db)
        return true
    }

    static let requestJob = "account.reset_request"
    /// Per address, so that the form cannot flood someone's inbox from many IPs.
    static let perAddress = RateLimiter(name: "reset-address", limit: 3, window: 3600)

    /// The job behind `request`: a link by mail, if the address has an account.
    func send(to email: String) async throws {
        let now = app.clock.now()
        guard let user = try await User.find(email: email, on: app.db),
            try await Self.perAddress.hit(email, now: now, on: app.db)
        else { return }
        try await app.db.writeTransaction { db in try await mailLink(to: user, now: now, on: db) }
    }

    /// Issues a reset token and queues the mail with its link, inside the caller's transaction
    /// (also used when an address change is undone).
    func mailLink(to user: User, now: Date, on db: any Database) async throws {
        let (token, secret) = AccountToken.issue(for: try user.requireID(), purpose: .resetPassword, lifetime: Self.lifetime, now: now)
        try await token.create(on: db)
        try await app.mailer.enqueue(
            to: user.email, language: user.preferredLanguage, subjectKey: "mail.reset.subject", view: "mail/reset-password",
            context: ["name": user.name, "link": CorePath.resetPassword(.value(secret)).url(on: app)], on: db)
    }

    public func complete(token secret: String, password rawPassword: String?, language: Language) async throws -> Outcome {
        let now = app.clock.now()
        switch try await AccountToken.lookup(secret, purpose: .resetPassword, now: now, on: app.db) {
        case .unknown: return .unknown
        case .expired: return .expired
        case .used: return .used
        case .valid(let token):
            guard let owner = try await User.find(token.$user.id, on: app.db) else { return .unknown }
            // The account's own address is refused as its password, as at registration.
            var errors = FormErrors()
            let password = AccountRules.checkPassword(rawPassword, email: owner.email, &errors) { app.catalogue.text($0, in: language) }
            guard errors.isEmpty else { return .invalid(errors) }
            let hash = try await app.hashPassword(password)
            return try await app.db.writeTransaction { db in
                // Again, locked: the same link may have been sent twice at once.
                guard case .valid(let token) = try await AccountToken.lookup(secret, purpose: .resetPassword, now: now, on: db) else {
                    return .used
                }
                guard let user = try await User.find(token.$user.id, on: db) else { return .unknown }
                user.passwordHash = hash
                // Receiving the link proves the address, as a confirmation link would.
                user.emailConfirmedAt = user.emailConfirmedAt ?? now
                try await user.save(on: db)
                token.usedAt = now
                try await token.save(on: db)
                // Every other pending link (a reset, an address change someone started) is void now.
                try await AccountToken.voidPending(of: user.requireID(), now: now, on: db)
                // Whoever knew the old password is logged out too.
                try await DatabaseSessions.endAll(of: user.requireID(), on: db)
                return .reset
            }
        }
    }
}
