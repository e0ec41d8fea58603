import Fluent
import FluentSQL
import KrachtCore
import SQLKit
import Vapor

/// One signature under the manifesto: online (double opt-in by mail) or from a paper sheet.
final class Signature: Model, @unchecked Sendable {
    static let schema = "signatures"

    enum Status: String, Codable, Sendable { case pending, confirmed, voided }
    enum Source: String, Codable, Sendable { case online, paper }

    /// Districts come from the reference data; this is the choice for everyone else.
    static let outsideAmsterdam = "buiten-amsterdam"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date

    // data fields
    @Field(key: "version_number") var versionNumber: Int
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    /// The mailbox however spelled (case, dots, +tags): one person counts once.
    @OptionalField(key: "email_canonical") var emailCanonical: String?
    @Field(key: "district") var district: String
    @OptionalField(key: "postcode") var postcode: String?
    @Field(key: "show_name") var showName: Bool
    @Field(key: "newsletter") var newsletter: Bool
    @OptionalField(key: "campaign") var campaign: String?
    @Field(key: "source") var source: String
    @OptionalField(key: "paper_sheet") var paperSheet: String?
    @OptionalField(key: "user_id") var userID: UUID?

    // state
    @Field(key: "status") var status: String
    @OptionalField(key: "token_hash") var tokenHash: String?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "last_mail_at") var lastMailAt: Date?
    @Field(key: "volunteer_interest") var volunteerInterest: Bool

    // abuse detection, without tracking: a keyed hash of the IP (not reversible without the
    // server's key) and the address's domain, both erased with the retention purge.
    @OptionalField(key: "ip_hash") var ipHash: String?
    @OptionalField(key: "email_domain") var emailDomain: String?

    init() {}

    var firstName: String { String(name.split(separator: " ").first ?? "") }
}

extension Signature {
    /// The signature behind a mail link, locked for the rest of the transaction on PostgreSQL:
    /// two clicks at once on one link must not both count it. (SQLite ignores the clause; its
    /// write transactions already take turns.)
    /// Any of its mail's links finds it: the first (`token_hash`) or a later one (`SignatureLinks`).
    static func find(tokenHash: String, on db: any Database) async throws -> Signature? {
        if let first = try await db.sql.select().column("*").from(schema).where("token_hash", .equal, tokenHash)
            .for(.update).first(decodingFluent: Signature.self)
        {
            return first
        }
        guard let id = try await SignatureLinks.signatureID(tokenHash: tokenHash, on: db) else { return nil }
        return try await db.sql.select().column("*").from(schema).where("id", .equal, id)
            .for(.update).first(decodingFluent: Signature.self)
    }
}
