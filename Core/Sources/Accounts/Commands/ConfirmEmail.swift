import Fluent
import Vapor

/// Follows a link from a mail: confirms a new account's address, or a changed address. A
/// changed address is announced to the old one, with a link to undo the change for 7 days,
/// so that a takeover does not go unnoticed.
public struct ConfirmEmail: Sendable {
    public enum Outcome: Sendable, Equatable { case confirmed, expired, used, unknown, addressTaken }

    static let undoLifetime: TimeInterval = 7 * 86400

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(token secret: String, purpose: AccountToken.Purpose) async throws -> Outcome {
        let now = app.clock.now()
        do {
            return try await app.db.writeTransaction { db in
                switch try await AccountToken.lookup(secret, purpose: purpose, now: now, on: db) {
                case .unknown: return .unknown
                case .expired: return .expired
                case .used: return .used
                case .valid(let token):
                    guard let user = try await User.find(token.$user.id, on: db) else { return .unknown }
                    if purpose == .changeEmail, let newEmail = token.newEmail {
                        if try await User.find(email: newEmail, on: db) != nil { return .addressTaken }
                        try await announce(change: user, to: newEmail, now: now, on: db)
                        user.email = newEmail
                    }
                    user.emailConfirmedAt = user.emailConfirmedAt ?? now
                    try await user.save(on: db)
                    token.usedAt = now
                    try await token.save(on: db)
                    return .confirmed
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two accounts confirmed a change to the same address at once: the unique index let
            // one through; this one answers as if it had come second.
            return .addressTaken
        }
    }

    private func announce(change user: User, to newEmail: String, now: Date, on db: any Database) async throws {
        let (undo, secret) = AccountToken.issue(
            for: try user.requireID(), purpose: .undoEmailChange, newEmail: user.email, lifetime: Self.undoLifetime, now: now)
        try await undo.create(on: db)
        try await app.mailer.enqueue(
            to: user.email, language: user.preferredLanguage, subjectKey: "mail.email_changed.subject", view: "mail/email-changed",
            context: ["name": user.name, "new_email": newEmail, "link": CorePath.undoEmailChange(.value(secret)).url(on: app)],
            on: db)
    }
}
