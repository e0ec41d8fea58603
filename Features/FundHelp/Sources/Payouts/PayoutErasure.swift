import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit

/// What erasing a case (`EraseCase`, also by the retention purge) does to its payouts: a transfer
/// still waiting for a file is cancelled (nothing was posted for it, and it no longer counts
/// against the grant); one already at the bank keeps its payee until it settles
/// (`PayoutSettlement` erases it then); every other payee goes, and so does what the bank's
/// statement said about the payee on the lines of the case's payouts.
enum PayoutErasure {
    static func run(applicationID: UUID, on db: any Database) async throws {
        try await SupportPayout.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$state == SupportPayout.State.pending.rawValue)
            .set(\.$state, to: SupportPayout.State.cancelled.rawValue).update()
        try await SupportPayout.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$state != SupportPayout.State.exported.rawValue)
            .set(\.$payeeSealed, to: nil).update()
        try await PayoutStatementLines.forget(applicationID: applicationID, on: db)
    }
}

/// The imported statement lines of a case's payouts (matched as `payout` by their end-to-end id).
enum PayoutStatementLines {
    /// The lines lose the payee's name, the text and the account's last four digits and index.
    static func forget(applicationID: UUID, on db: any Database) async throws {
        let ids = try await SupportPayout.query(on: db).filter(\.$application.$id == applicationID).all().map(\.endToEndID)
        guard !ids.isEmpty else { return }
        try await db.sql.update(StatementLineRecord.schema)
            .set("name_sealed", to: SQLLiteral.null).set("text_sealed", to: SQLLiteral.null)
            .set("iban_index", to: SQLLiteral.null).set("iban_last4", to: SQLLiteral.null)
            .where("status", .equal, SQLBind(StatementLineRecord.Status.payout.rawValue))
            .where("payment_id", .in, SQLBind.group(ids)).run()
    }
}
