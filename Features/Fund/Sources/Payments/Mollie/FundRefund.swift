import Fluent
import Foundation
import KrachtCore
import SQLKit

/// A gift (or part of it) paid back to the donor through Mollie, with the treasurer's reason.
/// Its money is the ledger entry `refund` / `mollie_refund:<id>`; this row is who, why and when.
final class FundRefund: Model, @unchecked Sendable {
    static let schema = "fund_refunds"

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "gift_id") var giftID: UUID
    /// Mollie's refund id (`re_…`).
    @Field(key: "provider_refund_id") var providerRefundID: String
    @Field(key: "cents") var cents: Int64
    @Field(key: "reason") var reason: String
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}

    init(giftID: UUID, providerRefundID: String, cents: Int64, reason: String, by userID: UUID?, now: Date) {
        self.id = UUID()
        self.createdAt = now
        self.giftID = giftID
        self.providerRefundID = providerRefundID
        self.cents = cents
        self.reason = reason
        self.createdBy = userID
    }
}

struct CreateFundRefunds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let uuid = db.isPostgres ? "UUID" : "TEXT"
        let time = db.isPostgres ? "TIMESTAMPTZ" : "TIMESTAMP"
        try await db.sql.raw(
            """
            CREATE TABLE fund_refunds (
                id \(unsafeRaw: uuid) PRIMARY KEY, gift_id \(unsafeRaw: uuid) NOT NULL, provider_refund_id TEXT NOT NULL UNIQUE,
                cents BIGINT NOT NULL, reason TEXT NOT NULL, created_by \(unsafeRaw: uuid), created_at \(unsafeRaw: time) NOT NULL)
            """
        ).run()
        try await db.sql.raw("CREATE INDEX fund_refunds_gift ON fund_refunds (gift_id)").run()
    }

    func revert(on db: any Database) async throws { try await db.sql.raw("DROP TABLE fund_refunds").run() }
}
