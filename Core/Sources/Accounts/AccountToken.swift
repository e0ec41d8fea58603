import Crypto
import Fluent
import FluentSQL
import Vapor

/// A single-use link sent by mail: confirm an address, reset a password, confirm a new address,
/// undo an address change (sent to the old address; its `newEmail` is the address to restore).
/// Only the SHA-256 of the token is stored, so a database leak gives no working links.
public final class AccountToken: Model, @unchecked Sendable {
    public static let schema = "account_tokens"

    public enum Purpose: String, Codable, Sendable {
        case confirmEmail = "confirm_email", resetPassword = "reset_password", changeEmail = "change_email"
        case undoEmailChange = "undo_email_change"
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "purpose") public var purpose: String
    @Field(key: "token_hash") public var tokenHash: String
    @OptionalField(key: "new_email") public var newEmail: String?
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    /// Makes a token row and returns it with the secret to put in the link.
    public static func issue(for userID: UUID, purpose: Purpose, newEmail: String? = nil, lifetime: TimeInterval, now: Date)
        -> (AccountToken, String)
    {
        let secret = SecureToken.make()
        let token = AccountToken()
        token.$user.id = userID
        token.purpose = purpose.rawValue
        token.tokenHash = SecureToken.hash(secret)
        token.newEmail = newEmail
        token.expiresAt = now.addingTimeInterval(lifetime)
        return (token, secret)
    }

    /// Voids a person's pending links after their password is reset or changed. Not the undo
    /// links: whoever took over an address could otherwise reset the password through it and so
    /// void the owner's only way back.
    public static func voidPending(of userID: UUID, now: Date, on db: any Database) async throws {
        try await query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil)
            .filter(\.$purpose != Purpose.undoEmailChange.rawValue).set(\.$usedAt, to: now).update()
    }

    public enum Lookup { case valid(AccountToken), expired, used, unknown }

    /// Inside a transaction the token stays locked until it ends (on PostgreSQL; SQLite's write
    /// transactions take turns anyway), so that a link followed twice at once is used once.
    public static func lookup(_ secret: String, purpose: Purpose, now: Date, on db: any Database) async throws -> Lookup {
        guard secret.count <= 100,
            let token = try await db.sql.select().column("*").from(schema)
                .where("token_hash", .equal, SecureToken.hash(secret)).where("purpose", .equal, purpose.rawValue)
                .for(.update).first(decodingFluent: AccountToken.self)
        else { return .unknown }
        if token.usedAt != nil { return .used }
        if token.expiresAt < now { return .expired }
        return .valid(token)
    }
}

struct CreateAccountTokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(AccountToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("new_email", .string)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema(AccountToken.schema).delete() }
}
