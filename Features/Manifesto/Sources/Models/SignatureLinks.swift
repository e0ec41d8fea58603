import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The mail links of a signature beyond its first. Every mail about a signature carries a
/// link of its own, and an earlier mail's links keep working: a second sign-up with the same
/// address (which anyone who knows it can make) must never cut the signer off from confirming
/// or withdrawing (issue #8). The first link stays in `signatures.token_hash`, so a sign-up,
/// the hot path, still writes one row.
enum SignatureLinks {
    static let schema = "manifesto_signature_links"

    /// Which mail the link was sent in.
    enum Purpose: String, Sendable { case confirm, alreadySigned = "already_signed" }

    static func add(signatureID: UUID, tokenHash: String, purpose: Purpose, now: Date, on db: any Database) async throws {
        try await db.sql.insert(into: schema).columns("id", "signature_id", "token_hash", "purpose", "created_at")
            .values(UUID(), signatureID, tokenHash, purpose.rawValue, now).run()
    }

    /// The signature a later link belongs to, if the hash is one.
    static func signatureID(tokenHash: String, on db: any Database) async throws -> UUID? {
        try await db.sql.select().column("signature_id").from(schema).where("token_hash", .equal, tokenHash)
            .first()?.decode(column: "signature_id", as: UUID.self)
    }

    /// A signature that is deleted or erased takes its links with it.
    static func forget(signatureID: UUID, on db: any Database) async throws {
        try await db.sql.delete(from: schema).where("signature_id", .equal, signatureID).run()
    }

    /// Links whose signature is gone (the retention purge deletes signatures in bulk).
    static func purgeOrphans(on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM manifesto_signature_links WHERE signature_id NOT IN (SELECT id FROM signatures)").run()
    }
}

struct CreateSignatureLinks: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SignatureLinks.schema)
            .id()
            .field("signature_id", .uuid, .required, .references(Signature.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("purpose", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await db.sql.raw("CREATE INDEX manifesto_signature_links_signature ON manifesto_signature_links (signature_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SignatureLinks.schema).delete()
    }
}
