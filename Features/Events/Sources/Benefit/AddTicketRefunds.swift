import Fluent
import SQLKit

/// Paid tickets owed back and paid back (`TicketRefunds`, `RefundTicket`): three nullable
/// columns on the registrations (one at a time: SQLite adds one column per statement), and an
/// index for the treasurer's list of refunds due.
struct AddTicketRefunds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(EventRegistration.schema).field("refund_due_cents", .int64).update()
        try await db.schema(EventRegistration.schema).field("refunded_at", .datetime).update()
        try await db.schema(EventRegistration.schema).field("refund_id", .string).update()
        try await db.sql.raw("CREATE INDEX event_registrations_refund_due ON event_registrations (refund_due_cents)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP INDEX event_registrations_refund_due").run()
        for field in ["refund_id", "refunded_at", "refund_due_cents"] {
            try await db.schema(EventRegistration.schema).deleteField(.string(field)).update()
        }
    }
}
