import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// `kracht fund seed-ledger --entries N`: fills an empty ledger with N balanced entries spread
/// over the last 24 months, for the transparency page's benchmark. Bulk SQL in transactions of
/// 1,000 entries, written exactly as `Ledger.post` writes them (entries, lines, the monthly
/// totals, the raised counter), so `kracht verify` passes afterwards. It refuses a ledger that
/// holds anything but earlier seeding, and production: the ledger is append-only, a million
/// made-up gifts could never be taken out again.
struct SeedLedgerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "entries", help: "How many entries (default 1000000).") var entries: Int?
    }

    var help: String { "Benchmark only: fills an empty fund ledger with balanced made-up entries over 24 months." }

    static let kind = "bench_gift"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let started = Date()
        let total = try await Self.seed(app: app, entries: max(signature.entries ?? 1_000_000, 0)) { done in
            context.console.print("\(done) entries")
        }
        context.console.success("\(total) ledger entries in \(Int(Date().timeIntervalSince(started))) s")
    }

    /// Refuses production and a ledger with anything but earlier seeding; else seeds.
    static func seed(app: Application, entries total: Int, progress: (Int) -> Void = { _ in }) async throws -> Int {
        guard app.environment != .production else { throw Refused(description: "seed-ledger never runs in production") }
        let real =
            try await app.db.sql.raw(
                "SELECT COUNT(*) AS n FROM fund_ledger_entries WHERE kind <> \(bind: Self.kind)"
            ).first()?.decode(column: "n", as: Int64.self) ?? 0
        guard real == 0 else { throw Refused(description: "the ledger holds \(real) real entries: seed an empty database only") }
        var done = 0
        while done < total {
            let count = min(1000, total - done)
            try await batch(from: done, count: count, now: app.clock.now(), on: app.db)
            done += count
            if done % 100_000 == 0 { progress(done) }
        }
        return total
    }

    /// Entries `from..<from+count`: gifts through Mollie with its fee, by transfer and in cash,
    /// from every source, one a day back over 730 days.
    static func batch(from start: Int, count: Int, now: Date, on db: any Database) async throws {
        let amounts: [Int64] = [500, 1000, 2500, 5000, 10_000, 1500]
        let sources = GiftSource.allCases
        var entries: [Ledger.Entry] = []
        for n in start..<(start + count) {
            let bookedAt = now.addingTimeInterval(-Double(n % 730) * 86400 - Double(n % 997))
            let amount = amounts[n % amounts.count]
            let into: LedgerAccount = n % 5 == 3 ? .bank : n % 11 == 7 ? .cash : .mollie
            let fee: Int64 = into == .mollie ? 29 : 0
            entries.append(
                Ledger.Entry(
                    kind: Self.kind, cause: .init("bench", String(n)), bookedAt: bookedAt, memo: "benchmark",
                    lines: [.debit(into, amount - fee), .debit(.mollieFees, fee), .credit(.donations(sources[n % sources.count]), amount)]))
        }
        let batch = entries
        try await db.writeTransaction { db in try await Ledger.postAll(batch, on: db) }
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }
}
