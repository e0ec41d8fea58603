import Fluent
import Vapor

/// A new address takes effect only once a link sent to it is followed.
public struct ChangeEmail: Sendable {
    public enum Outcome: Sendable { case confirmationSent, invalid(FormErrors) }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(user: User, newEmail rawEmail: String?, language: Language) async throws -> Outcome {
        var errors = FormErrors()
        let email = AccountRules.checkEmail(rawEmail, &errors) { app.catalogue.text($0, in: language) }
        if errors.isEmpty && email == user.email { errors.add("email", app.catalogue.text("account.email_same", in: language)) }
        guard errors.isEmpty else { return .invalid(errors) }
        let now = app.clock.now()
        try await app.db.writeTransaction { db in
            // Whether the new address has an account is not revealed here; confirming will say.
            let (token, secret) = AccountToken.issue(
                for: try user.requireID(), purpose: .changeEmail, newEmail: email, lifetime: 48 * 3600, now: now)
            try await token.create(on: db)
            try await app.mailer.enqueue(
                to: email, language: language, subjectKey: "mail.change_email.subject", view: "mail/change-email",
                context: ["name": user.name, "link": "\(app.config.baseURL)/account/email-bevestigen/\(secret)"], on: db)
        }
        return .confirmationSent
    }
}
