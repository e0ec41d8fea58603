import Fluent
import Vapor

/// Follows a link from a mail: confirms a new account's address, or a changed address.
public struct ConfirmEmail: Sendable {
    public enum Outcome: Sendable, Equatable { case confirmed, expired, used, unknown, addressTaken }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(token secret: String, purpose: AccountToken.Purpose) async throws -> Outcome {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            switch try await AccountToken.lookup(secret, purpose: purpose, now: now, on: db) {
            case .unknown: return .unknown
            case .expired: return .expired
            case .used: return .used
            case .valid(let token):
                guard let user = try await User.find(token.$user.id, on: db) else { return .unknown }
                if purpose == .changeEmail, let newEmail = token.newEmail {
                    if try await User.find(email: newEmail, on: db) != nil { return .addressTaken }
                    user.email = newEmail
                }
                user.emailConfirmedAt = user.emailConfirmedAt ?? now
                try await user.save(on: db)
                token.usedAt = now
                try await token.save(on: db)
                return .confirmed
            }
        }
    }
}
