import Fluent
import SQLKit

/// A statement line's end-to-end id or batch id: how `kracht verify` sees a payout of the fund's
/// help booked as a bank cost, and how erasing a case finds the lines of its payouts.
struct AddStatementLinePaymentID: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(StatementLineRecord.schema).field("payment_id", .string).update()
        try await db.sql.create(index: "fund_statement_lines_payment_id").on(StatementLineRecord.schema).column("payment_id").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "fund_statement_lines_payment_id").run()
        try await db.schema(StatementLineRecord.schema).deleteField("payment_id").update()
    }
}
