import Fluent
import Foundation
import KrachtCore
import Vapor

/// The fund's public figures — the transparency page, its CSV and the open-data API all show
/// these — computed from the maintained monthly totals (`FundTotals.months`) and the counters
/// only: a few hundred rows however long the ledger grows, never a scan of it.
public struct FundFigures: Sendable {
    public struct Month: Sendable, Equatable {
        /// `2026-03`, in Amsterdam.
        public var month: String
        /// Donations per source (`private`, `campaign`…), in cents, before refunds.
        public var inBySource: [String: Int64] = [:]
        /// Gifts paid back to their donors this month.
        public var refunds: Int64 = 0
        /// Costs: Mollie's fees and what left the bank account other than support (bank costs,
        /// printing), until Fund 2/2 gives spending its own categories.
        public var fees: Int64 = 0
        /// Support paid out per spending category (Fund 2/2).
        public var outByCategory: [String: Int64] = [:]
        /// Tickets sold for events: money in, but no gift (not in `grossIn`, not raised).
        public var ticketIncome: Int64 = 0

        public var grossIn: Int64 { inBySource.values.reduce(0, +) }
        /// What came in, minus what was paid back.
        public var netIn: Int64 { grossIn - refunds }
        public var out: Int64 { outByCategory.values.reduce(0, +) + fees }
    }

    /// Every month from the first posting to the last, gaps filled with zeros, oldest first.
    public var months: [Month]
    /// Sources and categories that occur, in a stable order (the known sources first).
    public var sources: [String]
    public var categories: [String]
    /// What the fund holds per account (bank, Mollie, cash, in kind), in cents.
    public var holds: [LedgerAccount: Int64]
    /// What the fund owes per account (unmatched credits, grants payable), in cents.
    public var owes: [LedgerAccount: Int64]
    public var raisedCents: Int64
    public var donors: Int64
    public var targetDonors: Int64?
    public var targetCents: Int64?
    public var targetsYear: Int
    /// When these figures were read.
    public var updated: Date

    public static let assetAccounts: [LedgerAccount] = [.bank, .mollie, .cash, .inKind]
    public static let liabilityAccounts: [LedgerAccount] = [.unmatched, .grantsPayable]

    public var holdsTotal: Int64 { holds.values.reduce(0, +) }
    public var owesTotal: Int64 { owes.values.reduce(0, +) }
    /// What the fund may still spend: the money it holds (goods given in kind are no money)
    /// minus what it owes.
    public var available: Int64 { holdsTotal - (holds[.inKind] ?? 0) - owesTotal }
    public var totalFees: Int64 { months.reduce(0) { $0 + $1.fees } }
    public var totalRefunds: Int64 { months.reduce(0) { $0 + $1.refunds } }
    public var totalTicketIncome: Int64 { months.reduce(0) { $0 + $1.ticketIncome } }
    public var totalPaidOut: Int64 { months.reduce(0) { $0 + $1.outByCategory.values.reduce(0, +) } }

    /// Reads the figures: the monthly totals, two counters and the targets.
    public static func read(app: Application, on db: any Database) async throws -> FundFigures {
        let rows = try await FundTotals.months(on: db)
        var figures = make(rows)
        figures.raisedCents = try await FundTotals.value(.raisedCents, on: db)
        figures.donors = try await FundTotals.value(.donors, on: db)
        figures.targetDonors = app.reference.targets["fund_donors"]
        figures.targetCents = app.reference.targets["fund_raised_cents"]
        figures.targetsYear = app.reference.targetsYear
        figures.updated = app.clock.now()
        return figures
    }

    /// Sorts the monthly totals into money in, out and the balance. Credits are negative in the
    /// ledger, so income and what the fund owes are turned round to read as positive amounts.
    static func make(_ rows: [FundTotals.MonthTotal]) -> FundFigures {
        var byMonth: [String: Month] = [:]
        var holds = Dictionary(uniqueKeysWithValues: assetAccounts.map { ($0, Int64(0)) })
        var owes = Dictionary(uniqueKeysWithValues: liabilityAccounts.map { ($0, Int64(0)) })
        var sources = Set<String>(), categories = Set<String>()
        for row in rows {
            var month = byMonth[row.month] ?? Month(month: row.month)
            let name = row.account.rawValue
            if name.hasPrefix("donations:") {
                let source = String(name.dropFirst("donations:".count))
                month.inBySource[source, default: 0] -= row.cents
                sources.insert(source)
            } else if name.hasPrefix("payouts:") {
                let category = String(name.dropFirst("payouts:".count))
                month.outByCategory[category, default: 0] += row.cents
                categories.insert(category)
            } else if row.account == .refunds {
                month.refunds += row.cents
            } else if row.account == .eventIncome {
                month.ticketIncome -= row.cents
            } else if row.account == .mollieFees || row.account == .bankCosts {
                month.fees += row.cents
            } else if holds[row.account] != nil {
                holds[row.account, default: 0] += row.cents
            } else if owes[row.account] != nil {
                owes[row.account, default: 0] -= row.cents
            }
            byMonth[row.month] = month
        }
        let known = GiftSource.allCases.map(\.rawValue)
        return FundFigures(
            months: filled(byMonth), sources: known + sources.subtracting(known).sorted(), categories: categories.sorted(),
            holds: holds, owes: owes, raisedCents: 0, donors: 0, targetsYear: 0, updated: Date())
    }

    /// The months between the first and the last, each present once, oldest first.
    static func filled(_ byMonth: [String: Month]) -> [Month] {
        guard let first = byMonth.keys.min(), let last = byMonth.keys.max(),
            var year = Int(first.prefix(4)), var month = Int(first.suffix(2))
        else { return [] }
        var out: [Month] = []
        while out.count < 1200 {
            let key = String(format: "%04d-%02d", year, month)
            out.append(byMonth[key] ?? Month(month: key))
            if key >= last { break }
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return out
    }
}

/// Fund 2/2 reports support granted per category without anyone being identifiable: a
/// category with fewer than five grants is shown as "fewer than 5", never as its number.
public enum SmallCount {
    public static let threshold: Int64 = 5

    /// The count if it may be shown; nil when it must read "fewer than 5".
    public static func shown(_ count: Int64) -> Int64? { count >= threshold ? count : nil }
}

extension Application {
    /// The figures kept two seconds: a burst of visitors costs one read of the totals.
    public var fundFigures: ExpiringCache<FundFigures> {
        guard let cache = storage[FundFiguresKey.self] else {
            preconditionFailure("the fund's routes create the figures' cache at start")
        }
        return cache
    }

    /// The transparency page's content per language, built from the figures and kept as long:
    /// a view then costs only the template.
    var fundReportPages: [Language: ExpiringCache<ReportPage>] { storage[FundReportPagesKey.self] ?? [:] }

    /// Called once while the routes are registered (a single thread), so requests only read them.
    func makeFundFiguresCache() {
        let clock = self.clock
        storage[FundFiguresKey.self] = ExpiringCache(maxAge: 2, now: { clock.now() })
        storage[FundReportPagesKey.self] = Dictionary(
            uniqueKeysWithValues: Language.allCases.map { ($0, ExpiringCache<ReportPage>(maxAge: 2, now: { clock.now() })) })
    }

    private struct FundFiguresKey: StorageKey { typealias Value = ExpiringCache<FundFigures> }
    private struct FundReportPagesKey: StorageKey { typealias Value = [Language: ExpiringCache<ReportPage>] }
}
