import Fluent
import Vapor

/// What a person may do beyond a resident's rights.
public enum Role: String, CaseIterable, Codable, Sendable {
    case resident, initiator, coordinator
    case fundCommittee = "fund_committee"
    case treasurer, admin
    /// A social worker or a partner's volunteer who asks the fund for help on someone's behalf
    /// and follows their own cases only.
    case referrer

    public var textKey: String { "role.\(rawValue)" }

    /// Roles that reach money, applicants' sensitive data (a referrer's own cases) or everything: granting one asks the
    /// admin to confirm first (issue #8, item 10).
    public var isPowerful: Bool { [.admin, .treasurer, .fundCommittee, .referrer].contains(self) }

    /// Whether holding this role gives `other`'s rights: the one place this rule lives, for
    /// access and navigation alike. Everyone is a resident; an admin also holds a coordinator's
    /// and an initiator's rights, but not the treasurer's or the fund committee's: the fund's
    /// money and applicants' sensitive data are for the people chosen for them, each grant
    /// confirmed and audited, not for everyone who runs the site.
    public func includes(_ other: Role) -> Bool {
        self == other || other == .resident || (self == .admin && [.coordinator, .initiator].contains(other))
    }
}

extension Set where Element == Role {
    /// Whether these roles give `role`'s rights (see `Role.includes`).
    public func allow(_ role: Role) -> Bool { contains { $0.includes(role) } }
}

/// One role given to one person, by whom and when.
public final class RoleGrant: Model, @unchecked Sendable {
    public static let schema = "role_grants"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "role") public var role: String
    @OptionalField(key: "granted_by_id") public var grantedByID: UUID?
    @Timestamp(key: "granted_at", on: .create) public var grantedAt: Date?

    public init() {}

    public init(userID: UUID, role: Role, grantedByID: UUID?) {
        self.$user.id = userID
        self.role = role.rawValue
        self.grantedByID = grantedByID
    }
}

struct CreateRoleGrants: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(RoleGrant.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("granted_by_id", .uuid)
            .field("granted_at", .datetime)
            .unique(on: "user_id", "role")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema(RoleGrant.schema).delete() }
}
