import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One imported line in euro: a credit matched to a gift or waiting in the queue until the
/// treasurer decides, or a debit. The counterparty's account is kept only as a keyed hash (to count a donor once)
/// and its last four characters; name and text are sealed.
public final class StatementLineRecord: Model, @unchecked Sendable {
    public static let schema = "fund_statement_lines"

    public enum Status: String, Sendable, CaseIterable {
        /// Matched to its gift by reference on import.
        case matched
        /// Waiting for the treasurer, posted to `bank_unmatched`.
        case queued
        /// Assigned from the queue to a gift the treasurer named.
        case assigned
        /// Booked from the queue as an anonymous gift.
        case anonymous
        /// Money between the fund's own accounts (a Mollie payout, cash paid in), from the queue.
        case `internal`
        /// Money out, posted as a bank cost on import.
        case debit
        /// A payout's transfer leaving or returned, posted by the payout (`StatementPayouts`), not by the line.
        case payout
    }
    /// Why a line was queued.
    public enum Reason: String, Sendable {
        case noReference = "no_reference"
        /// Something like a reference whose check digits fail: a typo.
        case mistyped
        case unknownReference = "unknown_reference"
        case otherAmount = "other_amount"
        /// Its gift is already paid (and not monthly) or was cancelled.
        case notOpen = "not_open"
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "import_id") public var importID: UUID
    /// A hash of the line's identity in its statement: unique, so a line is imported once.
    @Field(key: "line_key") public var lineKey: String
    @Field(key: "booking_day") public var bookingDay: String
    @Field(key: "amount_cents") public var amountCents: Int64
    @OptionalField(key: "reference") public var reference: String?
    @OptionalField(key: "name_sealed") public var nameSealed: String?
    @OptionalField(key: "text_sealed") public var textSealed: String?
    @OptionalField(key: "iban_index") public var ibanIndex: String?
    @OptionalField(key: "iban_last4") public var ibanLast4: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "gift_id") public var giftID: UUID?
    /// The end-to-end id or batch id the bank gave (`AddStatementLinePaymentID`).
    @OptionalField(key: "payment_id") public var paymentID: String?
    @OptionalField(key: "handled_by") public var handledBy: UUID?
    @OptionalField(key: "handled_at") public var handledAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var lineStatus: Status { Status(rawValue: status) ?? .queued }
}

/// One import of a statement file: who, when, which file, and what came of it.
public final class StatementImport: Model, @unchecked Sendable {
    public static let schema = "fund_statement_imports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "imported_at") public var importedAt: Date
    /// Nil for `kracht fund import-statement`.
    @OptionalField(key: "imported_by") public var importedBy: UUID?
    @Field(key: "file_name") public var fileName: String
    @Field(key: "file_hash") public var fileHash: String
    @Field(key: "format") public var format: String
    @Field(key: "matched") public var matched: Int
    @Field(key: "queued") public var queued: Int
    @Field(key: "duplicates") public var duplicates: Int
    @Field(key: "skipped") public var skipped: Int

    public init() {}
}

struct CreateStatements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let uuid = db.isPostgres ? "UUID" : "TEXT"
        let time = db.isPostgres ? "TIMESTAMPTZ" : "TIMESTAMP"
        try await db.sql.raw(
            """
            CREATE TABLE fund_statement_imports (
                id \(unsafeRaw: uuid) PRIMARY KEY, imported_at \(unsafeRaw: time) NOT NULL, imported_by \(unsafeRaw: uuid),
                file_name TEXT NOT NULL, file_hash TEXT NOT NULL, format TEXT NOT NULL,
                matched INTEGER NOT NULL, queued INTEGER NOT NULL, duplicates INTEGER NOT NULL, skipped INTEGER NOT NULL)
            """
        ).run()
        try await db.sql.raw(
            """
            CREATE TABLE fund_statement_lines (
                id \(unsafeRaw: uuid) PRIMARY KEY, import_id \(unsafeRaw: uuid) NOT NULL, line_key TEXT NOT NULL UNIQUE,
                booking_day TEXT NOT NULL, amount_cents BIGINT NOT NULL, reference TEXT,
                name_sealed TEXT, text_sealed TEXT, iban_index TEXT, iban_last4 TEXT,
                status TEXT NOT NULL, reason TEXT, gift_id \(unsafeRaw: uuid), handled_by \(unsafeRaw: uuid), handled_at \(unsafeRaw: time),
                created_at \(unsafeRaw: time) NOT NULL)
            """
        ).run()
        try await db.sql.raw("CREATE INDEX fund_statement_lines_status ON fund_statement_lines (status, booking_day)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP TABLE fund_statement_lines").run()
        try await db.sql.raw("DROP TABLE fund_statement_imports").run()
    }
}
