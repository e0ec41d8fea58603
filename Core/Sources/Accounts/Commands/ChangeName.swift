import Fluent
import Vapor

/// A signed-in person changes the name the movement knows them by. No password is asked: a
/// name moves nothing and unlocks nothing, and the change is audited (without the name, which
/// the audit log keeps longer than the account).
public struct ChangeName: Sendable {
    public enum Outcome: Sendable, Equatable { case changed, unchanged, invalid(FormErrors) }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(user: User, name rawName: String?, language: Language) async throws -> Outcome {
        var errors = FormErrors()
        let name = AccountRules.checkName(rawName, &errors) { app.catalogue.text($0, in: language) }
        guard errors.isEmpty else { return .invalid(errors) }
        guard name != user.name else { return .unchanged }
        let userID = try user.requireID()
        try await app.db.writeTransaction { db in
            guard let stored = try await User.find(userID, on: db) else { return }
            stored.name = name
            try await stored.save(on: db)
            try await AuditEvent.record("account.name_changed", subject: "user:\(userID)", by: userID, on: db)
        }
        user.name = name
        return .changed
    }
}
