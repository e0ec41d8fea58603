import Fluent
import KrachtCore
import Vapor

/// `kracht backup FILE`: a consistent copy of the SQLite database while the server runs,
/// readable by its owner only.
/// On PostgreSQL use `pg_dump` (see the README).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the backup (must not exist).")
        var file: String
    }

    var help: String { "Writes an online backup of the SQLite database to a file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard DatabaseSetup.isSQLite(app.db) else {
            context.console.error("This database is PostgreSQL: back it up with pg_dump \"$DATABASE_URL\" > kracht.sql")
            throw "backup needs SQLite"
        }
        guard try await DatabaseSetup.backup(app, to: signature.file) else { throw "\(signature.file) already exists" }
        context.console.success("Backup written to \(signature.file)")
    }
}
