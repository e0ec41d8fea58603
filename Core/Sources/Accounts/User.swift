import Fluent
import Vapor

/// A person with an account.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "name") public var name: String
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @OptionalField(key: "email_confirmed_at") public var emailConfirmedAt: Date?
    @Field(key: "language") public var language: String

    // relationships
    @Children(for: \.$user) public var roleGrants: [RoleGrant]

    public init() {}

    public init(id: UUID? = nil, name: String, email: String, passwordHash: String, language: Language) {
        self.id = id
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.language = language.rawValue
    }

    public var preferredLanguage: Language { Language(rawValue: language) ?? .nl }
}

extension User {
    public static func find(email: String, on db: any Database) async throws -> User? {
        try await User.query(on: db).filter(\.$email == EmailAddress.normalizedForAccount(email)).first()
    }

    /// The roles this person holds; every account is a resident.
    public func roles(on db: any Database) async throws -> Set<Role> {
        let grants = try await RoleGrant.query(on: db).filter(\.$user.$id == requireID()).all()
        return Set(grants.compactMap { Role(rawValue: $0.role) }).union([.resident])
    }
}

extension User: ModelSessionAuthenticatable {}

struct CreateUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(User.schema)
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("email_confirmed_at", .datetime)
            .field("language", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema(User.schema).delete() }
}
