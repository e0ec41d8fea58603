import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// MT940 as ING writes it: structured `:86:` fields with the reference in `/REMI/STRD/` or in
/// the free text of `/REMI/USTD/`.
final class MT940ImportTests: XCTestCase {
    func testAnINGStatementPaysGiftsByReference() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let structured = try await StatementSupport.transferGift(app, reference: "RF95100000000006", cents: 3500)
            let inText = try await StatementSupport.transferGift(app, reference: "RF68100000000007", cents: 1200)

            // MUT
            let outcome = try await StatementSupport.importFile(app, "mt940-ing.sta")

            // validation
            guard let summary = StatementSupport.summary(outcome) else { return }
            XCTAssertEqual(summary.format, .mt940)
            XCTAssertEqual(summary.matched, 2)
            XCTAssertEqual(summary.queued, 1)
            XCTAssertEqual(summary.skipped.map(\.reason), [])
            XCTAssertEqual(summary.debits, 1)
            let structuredStatus = try await StatementSupport.status(of: structured, app)
            let inTextStatus = try await StatementSupport.status(of: inText, app)
            XCTAssertEqual(structuredStatus, "paid")
            XCTAssertEqual(inTextStatus, "paid")
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.map(\.amountCents), [500, 1200, 3500])
            XCTAssertEqual(lines.map(\.ibanLast4), ["6789", "6789", "6789"])
            let name = try lines[0].nameSealed.map { try app.sealer.open($0, context: "fund_statement_lines.name") }
            XCTAssertEqual(name, "M. Smit")
            let text = try lines[0].textSealed.map { try app.sealer.open($0, context: "fund_statement_lines.text") }
            XCTAssertEqual(text, "Zomaar")

            // MUT: the same file again
            let again = try await StatementSupport.importFile(app, "mt940-ing.sta")

            // validation
            XCTAssertEqual(StatementSupport.summary(again)?.duplicates, 4, "three credits and the debit")
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], 5200 - 10_000, "the debit of 100.00 is posted too")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
