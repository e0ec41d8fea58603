import Fluent
import Foundation
import KrachtCore
import SQLKit

/// A statement line names a person (their name, their text, part of their account). Once it is
/// decided, that is kept as long as the books are (7 years, as the gifts themselves), then
/// erased; the amount, day and the line's key stay, so the ledger still points somewhere.
/// A line still in the queue keeps it: the treasurer needs it to decide.
enum StatementRetention {
    static let keptYears = 7

    @discardableResult
    static func purge(now: Date, on db: any Database) async throws -> Int {
        let before = AmsterdamTime.calendar.date(byAdding: .year, value: -keptYears, to: now) ?? now
        let rows = try await db.sql.raw(
            """
            UPDATE fund_statement_lines SET name_sealed = NULL, text_sealed = NULL, iban_last4 = NULL
            WHERE status <> 'queued' AND created_at < \(bind: before) AND (name_sealed IS NOT NULL OR text_sealed IS NOT NULL OR iban_last4 IS NOT NULL)
            RETURNING id
            """
        ).all()
        return rows.count
    }
}
