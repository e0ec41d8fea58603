import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import XCTest

@testable import Fund

/// The benchmark's ledger filler writes what posting would write, and never into real money.
final class ReportSeedLedgerTests: XCTestCase {
    func testSeededEntriesBalanceAndKeepTheTotalsAsPostingWould() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT
            let seeded = try await SeedLedgerCommand.seed(app: app, entries: 2500)

            // validation
            XCTAssertEqual(seeded, 2500)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [], "kracht verify")
            let figures = try await FundFigures.read(app: app, on: app.db)
            XCTAssertGreaterThanOrEqual(figures.months.count, 24)
            let balances = try await Ledger.balances(on: app.db)
            let donations = balances.filter { $0.key.donationSource != nil }.values.reduce(0, +)
            XCTAssertEqual(figures.raisedCents, -donations)
            XCTAssertEqual(figures.holdsTotal, balances[.mollie, default: 0] + balances[.bank, default: 0] + balances[.cash, default: 0])
        }
    }

    func testItRefusesALedgerWithRealEntries() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await ReportTestGifts.pay(app, cents: 1000, on: "2026-01-10")

            // MUT
            do {
                _ = try await SeedLedgerCommand.seed(app: app, entries: 10)
                XCTFail("seeded a ledger with real money in it")
            } catch is SeedLedgerCommand.Refused {}

            // validation
            let count = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM fund_ledger_entries").first()?
                .decode(column: "n", as: Int64.self)
            XCTAssertEqual(count, 1)
        }
    }
}
