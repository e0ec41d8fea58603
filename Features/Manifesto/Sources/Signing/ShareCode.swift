import Fluent
import KrachtCore
import SQLKit
import Vapor

/// A signer's own campaign code, for the link they share: sign-ups through it count for that
/// code like any campaign's. Random and stored with the signature, so it says nothing about
/// whose it is; shown only to someone who proved to be the signer (the mail's link, or signed
/// in), never after a mere sign-up, which anyone can make with anyone's address (issue #8).
enum ShareCode {
    static let prefix = "deel-"
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// `deel-` and 10 random base-32 characters: 50 bits, so two signers practically never
    /// draw the same (the unique index would refuse it).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The signature's code, given to it the first time it is shown. Two pages shown at once
    /// agree: only the first write lands, and both read back what was stored. (The column is
    /// not a field of the `Signature` model: landed migrations query that model, and must not
    /// ask for a column added after them.)
    static func of(signatureID id: UUID, app: Application) async throws -> String? {
        if let code = try await stored(signatureID: id, on: app.db) { return code }
        return try await app.db.writeTransaction { db in
            try await db.sql.update(Signature.schema).set(column, to: random())
                .where("id", .equal, id).where(column, .is, SQLLiteral.null).run()
            return try await stored(signatureID: id, on: db)
        }
    }

    static let column = "share_code"

    static func stored(signatureID id: UUID, on db: any Database) async throws -> String? {
        try await db.sql.select().column(column).from(Signature.schema).where("id", .equal, id).first()?
            .decode(column: column, as: String?.self)
    }

    /// Erased with the person: their friends' sign-ups keep the code as a campaign, which then leads to no one.
    static func forget(signatureID id: UUID, on db: any Database) async throws {
        try await db.sql.update(Signature.schema).set(column, to: SQLLiteral.null).where("id", .equal, id).run()
    }

    /// The manifesto's address with the signer's code, and the ways to pass it on.
    static func links(code: String, on req: Request) throws -> ShareLinks {
        try ShareLinks(
            url: ManifestoPath.page(ref: code).url(on: req.application), message: req.t("manifesto.share.message"),
            subject: req.t("manifesto.share.subject"), qrTitle: req.t("manifesto.share.qr_title"))
    }

    /// The manifesto's plain address, for someone who has not yet shown the signature is theirs.
    static func plainLinks(on req: Request) throws -> ShareLinks {
        try ShareLinks(
            url: ManifestoPath.page().url(on: req.application), message: req.t("manifesto.share.message"),
            subject: req.t("manifesto.share.subject"), qrTitle: req.t("manifesto.share.qr_title_plain"),
            intro: req.t("manifesto.share.intro_plain"), label: req.t("manifesto.share.label_plain"))
    }
}
