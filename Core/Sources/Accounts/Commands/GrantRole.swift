import Fluent
import Vapor

/// An admin gives or takes a role; every change is audited. A powerful role (`Role.isPowerful`)
/// is only given once the admin has confirmed it, so one stray click cannot make an administrator.
public struct GrantRole: Sendable {
    public enum Outcome: Sendable, Equatable {
        case granted, revoked, unchanged, unknownUser, cannotRevokeOwnAdmin
        /// Nothing changed: giving this role needs the admin's confirmation first.
        case needsConfirmation
    }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(by admin: User, userID: UUID, role: Role, grant: Bool, confirmed: Bool = false) async throws -> Outcome {
        let adminID = try admin.requireID()
        if role == .admin && !grant && userID == adminID { return .cannotRevokeOwnAdmin }
        guard role != .resident else { return .unchanged }
        do {
            return try await change(by: adminID, userID: userID, role: role, grant: grant, confirmed: confirmed)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A double-clicked grant: the unique index let the first through; this one came second.
            return .unchanged
        }
    }

    private func change(by adminID: UUID, userID: UUID, role: Role, grant: Bool, confirmed: Bool) async throws -> Outcome {
        try await app.db.writeTransaction { db in
            guard try await User.find(userID, on: db) != nil else { return .unknownUser }
            let existing = try await RoleGrant.query(on: db).filter(\.$user.$id == userID).filter(\.$role == role.rawValue).first()
            switch (grant, existing) {
            case (true, nil) where role.isPowerful && !confirmed:
                return .needsConfirmation
            case (true, nil):
                try await RoleGrant(userID: userID, role: role, grantedByID: adminID).create(on: db)
                try await AuditEvent.record("role.granted", subject: "user:\(userID)", details: role.rawValue, by: adminID, on: db)
                return .granted
            case (false, .some(let grantRow)):
                try await grantRow.delete(on: db)
                try await AuditEvent.record("role.revoked", subject: "user:\(userID)", details: role.rawValue, by: adminID, on: db)
                return .revoked
            default:
                return .unchanged
            }
        }
    }
}
