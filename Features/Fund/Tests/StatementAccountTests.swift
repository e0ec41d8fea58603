import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// A statement is booked only when it is the fund's own account, each day only once whatever
/// the format, and every euro out of the bank is posted as well as every euro in.
final class StatementAccountTests: XCTestCase {
    func testAStatementOfAnotherAccountIsRefusedAndPostsNothing() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup: the fixtures are of NL91ABNA0417164300
            app.fundSettings.iban = "NL02ABNA0123456789"

            for file in ["camt053-v02.xml", "mt940-ing.sta"] {
                // MUT
                let outcome = try await StatementSupport.importFile(app, file)

                // validation
                guard case .refused(let problem) = outcome else { return XCTFail("\(file) was booked: \(outcome)") }
                XCTAssertEqual(problem.key, "fund.bank.error.other_account", file)
                let text = app.catalogue.text(problem.key, in: .nl, problem.arguments)
                XCTAssertTrue(text.contains("NL91ABNA0417164300") && text.contains("NL02ABNA0123456789"), text)
            }
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances, [:])

            // MUT: the fund's IBAN as people write it (MT940 `:25:` adds the currency)
            app.fundSettings.iban = "nl91 abna 0417 1643 00"
            let mt940 = try await StatementSupport.importFile(app, "mt940-ing.sta")

            // validation
            XCTAssertNotNil(StatementSupport.summary(mt940))
        }
    }

    func testTheSameDayAsCAMTAndAsMT940IsBookedOnce() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup: 1 June as CAMT.053
            _ = try await StatementSupport.importFile(app, "camt053-v02.xml")
            let before = try await Ledger.balances(on: app.db)

            // MUT: 1 and 2 June as MT940
            let outcome = try await StatementSupport.importFile(app, "mt940-ing.sta")

            // validation
            guard case .refused(let problem) = outcome else { return XCTFail("booked twice: \(outcome)") }
            XCTAssertEqual(problem, StatementProblem("other_format", ["from": "2026-06-01", "to": "2026-06-01", "format": "CAMT.053"]))
            let after = try await Ledger.balances(on: app.db)
            XCTAssertEqual(after, before)
            let imports = try await StatementImport.query(on: app.db).count()
            XCTAssertEqual(imports, 1)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testDebitsArePostedSoTheLedgersBankIsTheBanks() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT: 135.00 in (one return and one dollar line aside), the printer's 12.50 out
            let outcome = try await StatementSupport.importFile(app, "camt053-v02.xml")

            // validation
            XCTAssertEqual(StatementSupport.summary(outcome)?.debits, 1)
            let debits = try await StatementSupport.debitLines(app)
            XCTAssertEqual(debits.map(\.amountCents), [-1250])
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], 13_500 - 1250)
            XCTAssertEqual(balances[.bankCosts], 1250)
            let raised = try await FundTotals.value(.raisedCents, on: app.db)
            XCTAssertEqual(raised, 0)
            let entries = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM fund_ledger_entries WHERE kind = 'bank_debit'").first()?
                .decode(column: "n", as: Int64.self)
            XCTAssertEqual(entries, 1)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
