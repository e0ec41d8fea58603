import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import Fund

/// `/fonds/verantwoording`, its CSV and its API show exactly what the ledger holds.
final class TransparencyTests: XCTestCase {
    /// Gifts through Mollie (with fees) and by transfer in January and March, cash at an event,
    /// and one gift partly paid back in March.
    private func fillLedger(_ app: Application) async throws {
        let first = try await ReportTestGifts.pay(app, cents: 2500, on: "2026-01-10", fee: 29, email: "a@example.nl")
        try await ReportTestGifts.pay(app, cents: 10_000, on: "2026-01-20", source: .organisation, method: .transfer, into: .bank)
        try await ReportTestGifts.pay(app, cents: 4000, on: "2026-03-05", source: .event, method: .cash, into: .cash)
        try await ReportTestGifts.pay(app, cents: 1500, on: "2026-03-06", fee: 29, email: "b@example.nl")
        try await ReportTestGifts.refund(app, first, cents: 1000, on: "2026-03-07")
    }

    func testThePageShowsTheLedgersFiguresWithChartsAndTables() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await fillLedger(app)
            let balances = try await Ledger.balances(on: app.db)

            // MUT
            let page = try await Browser(app).get("/fonds/verantwoording")

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            // raised = donations minus refunds, straight from the ledger
            let raised = -(balances.filter { $0.key.rawValue.hasPrefix("donations:") }.values.reduce(0, +)) - (balances[.refunds] ?? 0)
            XCTAssertEqual(raised, 17_000)
            XCTAssertTrue(html.contains(Money.format(cents: raised, in: .nl)), "raised")
            XCTAssertTrue(html.contains("€ 100.000,00"), "the target")
            // the balance: bank, Mollie (gifts minus fees minus the refund), cash
            XCTAssertEqual(balances[.mollie], 2500 - 29 + 1500 - 29 - 1000)
            for account in [LedgerAccount.bank, .mollie, .cash] {
                XCTAssertTrue(html.contains(Money.format(cents: balances[account] ?? 0, in: .nl)), account.rawValue)
            }
            // charts with a title and a description, and the same numbers in tables
            XCTAssertTrue(html.contains(#"<title id="chart-in-title">"#))
            XCTAssertTrue(html.contains(#"<desc id="chart-in-desc">"#))
            XCTAssertTrue(html.contains(#"<table id="table-in">"#))
            XCTAssertTrue(html.contains(#"<table id="table-out">"#))
            XCTAssertTrue(html.contains("februari 2026"), "an empty month in between is shown")
            XCTAssertTrue(html.contains("Er is nog geen steun uitbetaald."))
            XCTAssertTrue(html.contains("Er is nog geen steun toegekend."))
            XCTAssertTrue(html.contains(Money.format(cents: balances[.mollieFees] ?? 0, in: .nl)), "fees")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheFiguresAddUpToTheLedgerAccountByAccount() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await fillLedger(app)
            try await ReportTestGifts.payOut(app, cents: 3000, category: "shelter", on: "2026-03-20")
            let balances = try await Ledger.balances(on: app.db)

            // MUT
            let figures = try await FundFigures.read(app: app, on: app.db)

            // validation
            XCTAssertEqual(figures.months.map(\.month), ["2026-01", "2026-02", "2026-03"])
            for source in GiftSource.allCases {
                let shown = figures.months.reduce(0) { $0 + ($1.inBySource[source.rawValue] ?? 0) }
                XCTAssertEqual(shown, -(balances[.donations(source)] ?? 0), source.rawValue)
            }
            XCTAssertEqual(figures.totalRefunds, balances[.refunds])
            XCTAssertEqual(figures.totalFees, balances[.mollieFees])
            XCTAssertEqual(figures.totalPaidOut, balances[.payouts("shelter")])
            for account in FundFigures.assetAccounts { XCTAssertEqual(figures.holds[account], balances[account] ?? 0, account.rawValue) }
            XCTAssertEqual(figures.months[0].inBySource["private"], 2500)
            XCTAssertEqual(figures.months[0].inBySource["organisation"], 10_000)
            XCTAssertEqual(figures.months[1].grossIn, 0)
            XCTAssertEqual(figures.months[2].netIn, 4000 + 1500 - 1000)
            XCTAssertEqual(figures.months[2].out, 3000 + 29)
            XCTAssertEqual(figures.raisedCents, 17_000)
            XCTAssertEqual(figures.donors, 2)
            // what the fund holds minus what it owes is what came in, less what went out
            XCTAssertEqual(figures.available, 17_000 - 58 - 3000)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testPaidOutSupportIsShownPerCategoryAndTheEmptyPageInventsNothing() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            let empty = try await browser.get("/fonds/verantwoording").body.string
            try await ReportTestGifts.pay(app, cents: 5000, on: "2026-02-01", method: .transfer, into: .bank)
            try await ReportTestGifts.payOut(app, cents: 3000, category: "shelter", on: "2026-02-20")
            app.clock.advance(by: 3)  // past the figures' two-second cache

            // MUT
            let html = try await browser.get("/fonds/verantwoording").body.string

            // validation
            XCTAssertTrue(empty.contains("Er is nog geen geld binnengekomen."))
            XCTAssertFalse(empty.contains("<svg"), "no chart without figures")
            XCTAssertFalse(html.contains("Er is nog geen steun uitbetaald."))
            XCTAssertTrue(html.contains(#"<title id="chart-out-title">"#))
            XCTAssertTrue(html.contains("€ 30,00"))
            XCTAssertTrue(html.contains("€ 20,00"), "what is free to spend")
        }
    }

    func testThePageInEnglish() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await fillLedger(app)

            // MUT
            let page = try await Browser(app).get("/fonds/verantwoording", headers: ["Accept-Language": "en"])

            // validation
            let html = page.body.string
            XCTAssertTrue(html.contains(#"<html lang="en""#))
            XCTAssertTrue(html.contains("Money in per month"))
            XCTAssertTrue(html.contains("€170.00"))
            XCTAssertTrue(html.contains("March 2026"))
            XCTAssertTrue(html.contains("No support has been paid out yet."))
        }
    }

    /// The help feature (Fund 2/2) hands in its section already without small counts
    /// (`SupportFigures`, tested there); the page shows it as given.
    func testTheSupportSectionOfTheHelpFeatureIsShownAsGiven() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let figures = try await FundFigures.read(app: app, on: app.db)
            let table = DataTable(
                id: "support", caption: "Steun", columns: ["Soort", "Aanvragen"], rows: [.init(header: "Eten", cells: ["12"])])

            // MUT
            let page = ReportPage.make(figures, support: SupportSection(table: table, notes: ["Mediaan: 2 dagen"]), app: app, language: .nl)

            // validation
            XCTAssertEqual([0, 1, 4, 5, 12].map { SmallCount.shown($0) }, [nil, nil, nil, 5, 12])
            XCTAssertEqual(page.support?.table.rows.first?.cells, ["12"])
            XCTAssertEqual(page.support?.notes, ["Mediaan: 2 dagen"])
        }
    }
}
