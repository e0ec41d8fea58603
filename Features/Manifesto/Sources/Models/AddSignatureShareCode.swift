import Fluent
import KrachtCore
import SQLKit

/// A signer's own random code for the link they share (`ShareCode`): given the first time it is
/// shown to them, so a sign-up (the hot path) writes nothing more. Unique; many rows have none.
struct AddSignatureShareCode: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.raw("ALTER TABLE signatures ADD COLUMN share_code TEXT").run()
        try await db.sql.raw("CREATE UNIQUE INDEX signatures_share_code ON signatures (share_code)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP INDEX signatures_share_code").run()
        try await db.sql.raw("ALTER TABLE signatures DROP COLUMN share_code").run()
    }
}
