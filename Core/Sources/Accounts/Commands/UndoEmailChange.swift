import Fluent
import Vapor

/// The old address's way back after an address change it did not want: the old address is
/// restored, every session and pending link of the account ends, and the password is replaced
/// by a random one nobody knows (whoever took the address may have set it through a reset), so
/// the owner gets a link to choose a new one at the restored address.
public struct UndoEmailChange: Sendable {
    public enum Outcome: Sendable, Equatable { case restored, expired, used, unknown, addressTaken }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(token secret: String) async throws -> Outcome {
        let now = app.clock.now()
        // Hashed before the transaction (bcrypt is slow), and only for a link that works.
        switch try await AccountToken.lookup(secret, purpose: .undoEmailChange, now: now, on: app.db) {
        case .unknown: return .unknown
        case .expired: return .expired
        case .used: return .used
        case .valid: break
        }
        let lockedOut = try await app.hashPassword(SecureToken.make())
        do {
            return try await app.db.writeTransaction { db in
                switch try await AccountToken.lookup(secret, purpose: .undoEmailChange, now: now, on: db) {
                case .unknown: return .unknown
                case .expired: return .expired
                case .used: return .used
                case .valid(let token):
                    guard let user = try await User.find(token.$user.id, on: db), let oldEmail = token.newEmail else { return .unknown }
                    if let holder = try await User.find(email: oldEmail, on: db), holder.id != user.id { return .addressTaken }
                    user.email = oldEmail
                    user.passwordHash = lockedOut
                    try await user.save(on: db)
                    try await AccountToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$usedAt == nil)
                        .set(\.$usedAt, to: now).update()
                    try await DatabaseSessions.endAll(of: user.requireID(), on: db)
                    try await ResetPassword(app: app).mailLink(to: user, now: now, on: db)
                    try await AuditEvent.record("account.email_change_undone", subject: "user:\(try user.requireID())", by: nil, on: db)
                    return .restored
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .addressTaken
        }
    }
}
