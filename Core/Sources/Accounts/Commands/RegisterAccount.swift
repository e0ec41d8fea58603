import Fluent
import Vapor

/// Creates an account and mails a confirmation link. An address that already has an
/// account gets a mail saying so, and the visitor sees the same answer either way, so the
/// form does not reveal who has an account.
public struct RegisterAccount: Sendable {
    public enum Outcome: Sendable { case registered, invalid(FormErrors), rateLimited }

    static let limiter = RateLimiter(name: "signup-ip", limit: 10, window: 3600)
    /// Per address: repeated sign-ups must not flood someone's inbox with our mail.
    static let perAddress = RateLimiter(name: "signup-address", limit: 3, window: 3600)
    static let confirmationLifetime: TimeInterval = 48 * 3600

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(name rawName: String?, email rawEmail: String?, password rawPassword: String?, language: Language, ip: String)
        async throws -> Outcome
    {
        let t = { app.catalogue.text($0, in: language) }
        var errors = FormErrors()
        let name = AccountRules.checkName(rawName, &errors, t)
        let email = AccountRules.checkEmail(rawEmail, &errors, t)
        let password = AccountRules.checkPassword(rawPassword, email: email, &errors, t)
        guard errors.isEmpty else { return .invalid(errors) }
        let now = app.clock.now()
        guard try await Self.limiter.hit(ip, now: now, on: app.db) else { return .rateLimited }
        // Over the per-address limit the visitor sees the usual answer (which reveals nothing),
        // but no more mail goes out.
        guard try await Self.perAddress.hit(email, now: now, on: app.db) else { return .registered }

        let hash = try await app.hashPassword(password)
        do {
            try await store(name: name, email: email, hash: hash, language: language, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same address registered twice at once: the unique index let one through; this
            // one now finds that account and answers as if it had come second.
            try await store(name: name, email: email, hash: hash, language: language, now: now)
        }
        return .registered
    }

    private func store(name: String, email: String, hash: String, language: Language, now: Date) async throws {
        try await app.db.writeTransaction { db in
            if let existing = try await User.find(email: email, on: db) {
                try await app.mailer.enqueue(
                    to: existing.email, language: existing.preferredLanguage, subjectKey: "mail.account_exists.subject",
                    view: "mail/account-exists", context: ["name": existing.name, "link": CorePath.forgotPassword.url(on: app)], on: db)
                return
            }
            let user = User(name: name, email: email, passwordHash: hash, language: language)
            try await user.create(on: db)
            let (token, secret) = AccountToken.issue(
                for: try user.requireID(), purpose: .confirmEmail, lifetime: Self.confirmationLifetime, now: now)
            try await token.create(on: db)
            try await app.mailer.enqueue(
                to: email, language: language, subjectKey: "mail.confirm.subject", view: "mail/confirm-email",
                context: ["name": name, "link": CorePath.confirmEmail(.value(secret)).url(on: app)], on: db)
        }
    }
}
