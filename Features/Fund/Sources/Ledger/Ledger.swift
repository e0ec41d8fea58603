import Fluent
import Foundation
import KrachtCore
import SQLKit

/// The fund's append-only, double-entry ledger. Every euro that moves is one entry of lines
/// that add up to zero, pointing to what caused it. Nothing is ever changed or removed (the
/// database refuses it too); a correction is a new entry. Posting also keeps the monthly
/// totals and the raised counter, in the caller's transaction, so reports never scan it.
public enum Ledger {
    /// What caused an entry: a Mollie payment (`mollie_payment`, `tr_…`), a statement line, a
    /// gift recorded by hand, a refund, a payout.
    public struct Cause: Sendable, Hashable {
        public var type: String
        public var id: String
        public init(_ type: String, _ id: String) {
            self.type = type
            self.id = id
        }
    }

    public struct Line: Sendable {
        public var account: LedgerAccount
        /// Debit positive, credit negative.
        public var cents: Int64
        public static func debit(_ account: LedgerAccount, _ cents: Int64) -> Line { Line(account: account, cents: cents) }
        public static func credit(_ account: LedgerAccount, _ cents: Int64) -> Line { Line(account: account, cents: -cents) }
    }

    public struct Entry: Sendable {
        /// What happened: `gift`, `refund`, `fee`, `unmatched_credit`, `assignment`, `payout`…
        public var kind: String
        public var cause: Cause
        /// When the money moved (the payment's paid date, the statement's booking date).
        public var bookedAt: Date
        public var actorID: UUID?
        public var memo: String?
        public var lines: [Line]

        public init(kind: String, cause: Cause, bookedAt: Date, actorID: UUID? = nil, memo: String? = nil, lines: [Line]) {
            self.kind = kind
            self.cause = cause
            self.bookedAt = bookedAt
            self.actorID = actorID
            self.memo = memo
            self.lines = lines.filter { $0.cents != 0 }
        }
    }

    public enum Outcome: Sendable, Equatable { case posted(UUID), alreadyPosted }

    public struct Unbalanced: Error, CustomStringConvertible {
        public let description: String
    }

    /// Posts `entry` once: an entry of the same kind and cause is never posted twice (a
    /// unique index makes sure of it even when two requests race). Call inside a transaction.
    @discardableResult
    public static func post(_ entry: Entry, on db: any Database) async throws -> Outcome {
        guard !entry.lines.isEmpty, entry.lines.reduce(0, { $0 + $1.cents }) == 0 else {
            throw Unbalanced(description: "ledger entry \(entry.kind) \(entry.cause.id) does not balance: \(entry.lines)")
        }
        if try await exists(kind: entry.kind, cause: entry.cause, on: db) { return .alreadyPosted }
        return .posted(try await postAll([entry], on: db)[0])
    }

    static let rowsPerInsert = 200

    /// Posts many new entries at once — a statement's queued credits, the benchmark's million —
    /// in multi-row inserts, with the monthly totals and the raised counter added once per month
    /// and account: the one place that writes the ledger. The caller knows the causes are new;
    /// the unique index still refuses a second posting. Call inside a transaction.
    @discardableResult
    static func postAll(_ entries: [Entry], on db: any Database) async throws -> [UUID] {
        var totals: [String: (cents: Int64, lines: Int64)] = [:]
        var raised: Int64 = 0
        var ids: [UUID] = []
        let now = Date()
        var months: [Date: String] = [:]
        for chunk in entries.chunked(rowsPerInsert) {
            var entryRows = db.sql.insert(into: "fund_ledger_entries")
                .columns("id", "kind", "cause_type", "cause_id", "booked_at", "month", "actor_id", "memo", "created_at")
            var lineRows = db.sql.insert(into: "fund_ledger_lines").columns("entry_id", "position", "account", "cents")
            for entry in chunk {
                guard !entry.lines.isEmpty, entry.lines.reduce(0, { $0 + $1.cents }) == 0 else {
                    throw Unbalanced(description: "ledger entry \(entry.kind) \(entry.cause.id) does not balance: \(entry.lines)")
                }
                let id = UUID()
                ids.append(id)
                let month = months[entry.bookedAt] ?? AmsterdamTime.month(of: entry.bookedAt)
                months[entry.bookedAt] = month
                entryRows = entryRows.values(
                    SQLBind(id), SQLBind(entry.kind), SQLBind(entry.cause.type), SQLBind(entry.cause.id), SQLBind(entry.bookedAt),
                    SQLBind(month), SQLBind(entry.actorID), SQLBind(entry.memo), SQLBind(now))
                for (position, line) in entry.lines.enumerated() {
                    lineRows = lineRows.values(SQLBind(id), SQLBind(position), SQLBind(line.account.rawValue), SQLBind(line.cents))
                    let key = month + "\u{0}" + line.account.rawValue
                    totals[key, default: (0, 0)].cents += line.cents
                    totals[key, default: (0, 0)].lines += 1
                    if line.account.countsAsRaised { raised -= line.cents }
                }
            }
            try await entryRows.run()
            try await lineRows.run()
        }
        for (key, total) in totals {
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            try await FundTotals.addMonth(parts[0], account: parts[1], cents: total.cents, lines: total.lines, on: db)
        }
        try await FundTotals.add(raised, to: .raisedCents, on: db)
        return ids
    }

    public static func exists(kind: String, cause: Cause, on db: any Database) async throws -> Bool {
        try await db.sql.select().column(SQLLiteral.numeric("1")).from("fund_ledger_entries")
            .where("kind", .equal, kind).where("cause_type", .equal, cause.type).where("cause_id", .equal, cause.id)
            .first() != nil
    }

    /// The balance of every account, from the lines themselves (for `verify` and tests).
    public static func balances(on db: any Database) async throws -> [LedgerAccount: Int64] {
        var balances: [LedgerAccount: Int64] = [:]
        for row in try await db.sql.raw("SELECT account, CAST(SUM(cents) AS BIGINT) AS total FROM fund_ledger_lines GROUP BY account").all()
        {
            balances[LedgerAccount(rawValue: try row.decode(column: "account", as: String.self))] =
                try row.decode(column: "total", as: Int64.self)
        }
        return balances
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
