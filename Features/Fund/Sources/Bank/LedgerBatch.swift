import Fluent
import Foundation
import KrachtCore
import SQLKit

/// Many ledger entries at once, for a statement's queued credits: the same rows and totals as
/// `Ledger.post` one by one, in multi-row inserts (a 50,000-line statement would otherwise take
/// some 300,000 statements). The caller guarantees the causes are new (the statement lines'
/// unique keys); the entries' unique index still refuses a second posting. Call inside a transaction.
enum LedgerBatch {
    static let rowsPerInsert = 200

    static func post(_ entries: [Ledger.Entry], on db: any Database) async throws {
        var totals: [String: (cents: Int64, lines: Int64)] = [:]
        var raised: Int64 = 0
        let now = Date()
        var months: [Date: String] = [:]
        for chunk in entries.chunked(rowsPerInsert) {
            var entryRows = db.sql.insert(into: "fund_ledger_entries")
                .columns("id", "kind", "cause_type", "cause_id", "booked_at", "month", "actor_id", "memo", "created_at")
            var lineRows = db.sql.insert(into: "fund_ledger_lines").columns("entry_id", "position", "account", "cents")
            for entry in chunk {
                guard !entry.lines.isEmpty, entry.lines.reduce(0, { $0 + $1.cents }) == 0 else {
                    throw Ledger.Unbalanced(description: "ledger entry \(entry.kind) \(entry.cause.id) does not balance")
                }
                let id = UUID()
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
            try await db.sql.raw(
                """
                INSERT INTO fund_month_totals (month, account, cents, lines) VALUES (\(bind: parts[0]), \(bind: parts[1]), \(bind: total.cents), \(bind: total.lines))
                ON CONFLICT (month, account) DO UPDATE SET cents = fund_month_totals.cents + excluded.cents, lines = fund_month_totals.lines + excluded.lines
                """
            ).run()
        }
        try await FundTotals.add(raised, to: .raisedCents, on: db)
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
