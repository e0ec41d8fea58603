import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// CAMT.053 statements: gifts matched by their reference (structured or in the text), a
/// batched entry's transactions each on their own, the rest queued, and what is no gift left alone.
final class CamtImportTests: XCTestCase {
    func testAVersion02StatementPaysGiftsByReferenceAndQueuesTheRest() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let structured = try await StatementSupport.transferGift(
                app, reference: "RF36100000000001", cents: 2500, email: "jdv@example.nl")
            let inText = try await StatementSupport.transferGift(app, reference: "RF09100000000002", cents: 1000)

            // MUT
            let outcome = try await StatementSupport.importFile(app, "camt053-v02.xml")

            // validation
            guard let summary = StatementSupport.summary(outcome) else { return }
            XCTAssertEqual(summary.format, .camt053)
            XCTAssertEqual(summary.matched, 2)
            XCTAssertEqual(summary.queued, 3)
            XCTAssertEqual(summary.duplicates, 0)
            XCTAssertEqual(summary.skipped.map(\.reason), [.returned, .currency])
            XCTAssertEqual(summary.debits, 1, "the printer's bill is money out, posted")
            let structuredStatus = try await StatementSupport.status(of: structured, app)
            let inTextStatus = try await StatementSupport.status(of: inText, app)
            XCTAssertEqual(structuredStatus, "paid")
            XCTAssertEqual(inTextStatus, "paid")
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.map(\.amountCents), [1000, 2000, 2500, 3000, 5000])
            XCTAssertEqual(lines.map(\.status), ["matched", "queued", "matched", "queued", "queued"])
            XCTAssertEqual(lines.map { $0.reason ?? "" }, ["", "mistyped", "", "no_reference", "unknown_reference"])
            // The account only as a keyed hash and its last four characters.
            XCTAssertEqual(lines[3].ibanLast4, "6789")
            XCTAssertNotNil(lines[3].ibanIndex)
            XCTAssertFalse(lines[3].nameSealed?.contains("Jansen") ?? true)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], 12_250)
            XCTAssertEqual(balances[.unmatched], -10_000)
            XCTAssertEqual(balances[.donations(.private)], -3_500)
            let raised = try await FundTotals.value(.raisedCents, on: app.db)
            XCTAssertEqual(raised, 3_500)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 1, "the donor with an address gets a confirmation")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAVersion08StatementReadsTheCodedStatusAndTheParty() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let gift = try await StatementSupport.transferGift(app, reference: "RF52100000000004", cents: 1500)
            try await StatementSupport.transferGift(app, reference: "RF25100000000005", cents: 1000)

            // MUT
            let outcome = try await StatementSupport.importFile(app, "camt053-v08.xml")

            // validation
            guard let summary = StatementSupport.summary(outcome) else { return }
            XCTAssertEqual(summary.matched, 1)
            XCTAssertEqual(summary.queued, 1, "7.50 for a gift of 10.00 is another amount")
            let status = try await StatementSupport.status(of: gift, app)
            XCTAssertEqual(status, "paid")
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.map { $0.reason ?? "" }, ["other_amount", ""])
            XCTAssertEqual(lines.map(\.bookingDay), ["2026-07-02", "2026-07-02"])
            let name = try lines[1].nameSealed.map { try app.sealer.open($0, context: "fund_statement_lines.name") }
            XCTAssertEqual(name, "Stichting Buurtkracht", "the debtor, not the ultimate debtor")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheSameStatementTwiceAddsNothing() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await StatementSupport.transferGift(app, reference: "RF36100000000001", cents: 2500)
            _ = try await StatementSupport.importFile(app, "camt053-v02.xml")
            let before = try await Ledger.balances(on: app.db)

            // MUT
            let again = try await StatementSupport.importFile(app, "camt053-v02.xml")

            // validation
            guard let summary = StatementSupport.summary(again) else { return }
            XCTAssertEqual(summary.matched, 0)
            XCTAssertEqual(summary.queued, 0)
            XCTAssertEqual(summary.duplicates, 6, "five credits and the debit")
            let after = try await Ledger.balances(on: app.db)
            XCTAssertEqual(after, before)
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 5)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAMonthlyTransferIsANewGiftEachMonth() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let first = try await StatementSupport.transferGift(app, reference: "RF52100000000004", cents: 1500, monthly: true)
            _ = try await StatementSupport.importFile(app, "camt053-v08.xml")
            let august = try String(contentsOf: StatementSupport.fixture("camt053-v08.xml"), encoding: .utf8)
                .replacingOccurrences(of: "2026-07-02", with: "2026-08-02").replacingOccurrences(of: "B-0001", with: "C-0001")
                .replacingOccurrences(of: "B-0002", with: "C-0002")

            // MUT
            let outcome = try await StatementSupport.importText(app, august)

            // validation
            XCTAssertEqual(StatementSupport.summary(outcome)?.matched, 1)
            let gifts = try await Gift.query(on: app.db).filter(\.$reference == nil).all()
            XCTAssertEqual(gifts.map(\.status), ["paid"])
            XCTAssertEqual(gifts.first?.frequency, "monthly")
            XCTAssertEqual(gifts.first?.recurringID, first.recurringID)
            let raised = try await FundTotals.value(.raisedCents, on: app.db)
            XCTAssertEqual(raised, 3000)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheSameStatementImportedTwiceAtOnceIsBookedOnce() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await StatementSupport.transferGift(app, reference: "RF36100000000001", cents: 2500)

            // MUT: the page and the SFTP job at the same moment
            async let first = StatementSupport.importFile(app, "camt053-v02.xml")
            async let second = StatementSupport.importFile(app, "camt053-v02.xml")
            let summaries = try await [first, second].compactMap { StatementSupport.summary($0) }

            // validation
            XCTAssertEqual(summaries.map(\.matched).reduce(0, +), 1)
            XCTAssertEqual(summaries.map(\.queued).reduce(0, +), 4)
            XCTAssertEqual(summaries.map(\.duplicates).reduce(0, +), 6, "five credits and the debit")
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 5)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], 12_250)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
