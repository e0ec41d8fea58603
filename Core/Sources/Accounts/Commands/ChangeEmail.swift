import Fluent
import Vapor

/// A new address takes effect only once a link sent to it is followed. The link goes to an
/// address nobody has confirmed yet, so it is limited per person and per address: the form
/// must not be a way to mail anyone without end. It asks for the current password, so that a
/// stolen session alone cannot move the account (its guesses count with `ChangePassword`'s).
public struct ChangeEmail: Sendable {
    /// A wrong password is one of the `invalid` errors (field `email_password`); `tooManyGuesses`
    /// is the password limit, `rateLimited` the limit on mail.
    public enum Outcome: Sendable { case confirmationSent, invalid(FormErrors), tooManyGuesses, rateLimited }

    static let perUser = RateLimiter(name: "change-email-user", limit: 5, window: 3600)
    static let perAddress = RateLimiter(name: "change-email-address", limit: 3, window: 3600)

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(user: User, password: String?, newEmail rawEmail: String?, language: Language) async throws -> Outcome {
        var errors = FormErrors()
        let email = AccountRules.checkEmail(rawEmail, &errors) { app.catalogue.text($0, in: language) }
        if errors.isEmpty && email == user.email { errors.add("email", app.catalogue.text("account.email_same", in: language)) }
        let now = app.clock.now()
        let userID = try user.requireID()
        guard try await ChangePassword.perUser.hit(userID.uuidString, now: now, on: app.db) else { return .tooManyGuesses }
        let password = password ?? ""
        if password.count <= AccountRules.passwordMax, try await app.verifyPassword(password, of: user) {
            try await ChangePassword.perUser.reset(userID.uuidString, now: now, on: app.db)
        } else {
            errors.add("email_password", app.catalogue.text("account.password_change.wrong", in: language))
        }
        guard errors.isEmpty else { return .invalid(errors) }
        guard try await Self.perUser.hit(userID.uuidString, now: now, on: app.db),
            try await Self.perAddress.hit(email, now: now, on: app.db)
        else { return .rateLimited }
        try await app.db.writeTransaction { db in
            // Whether the new address has an account is not revealed here; confirming will say.
            let (token, secret) = AccountToken.issue(for: userID, purpose: .changeEmail, newEmail: email, lifetime: 48 * 3600, now: now)
            try await token.create(on: db)
            try await app.mailer.enqueue(
                to: email, language: language, subjectKey: "mail.change_email.subject", view: "mail/change-email",
                context: ["name": user.name, "link": CorePath.confirmEmailChange(.value(secret)).url(on: app)], on: db)
        }
        return .confirmationSent
    }
}
