import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import XCTest

/// The ledger's own promises: every entry balances, is posted once per cause, and can never be
/// changed or removed, not even by SQL that goes around the code.
final class LedgerTests: XCTestCase {
    func testAnEntryIsPostedOnceAndKeepsTheTotals() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let entry = Ledger.Entry(
                kind: "test", cause: .init("test", "1"), bookedAt: Date(),
                lines: [.debit(.cash, 2500), .credit(.donations(.event), 2500)])

            // MUT
            let first = try await app.db.writeTransaction { db in try await Ledger.post(entry, on: db) }
            let second = try await app.db.writeTransaction { db in try await Ledger.post(entry, on: db) }

            // validation
            guard case .posted = first else { return XCTFail("\(first)") }
            XCTAssertEqual(second, .alreadyPosted)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances, [.cash: 2500, .donations(.event): -2500])
            let raised = try await FundTotals.value(.raisedCents, on: app.db)
            XCTAssertEqual(raised, 2500)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnEntryThatDoesNotBalanceIsRefused() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT
            let entry = Ledger.Entry(
                kind: "gift", cause: .init("test", "2"), bookedAt: Date(), lines: [.debit(.cash, 2500), .credit(.donations(.event), 2400)])

            // validation
            do {
                try await app.db.writeTransaction { db in try await Ledger.post(entry, on: db) }
                XCTFail("an unbalanced entry was posted")
            } catch is Ledger.Unbalanced {}
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances, [:])
        }
    }

    func testTheDatabaseRefusesToChangeOrRemoveTheLedger() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await app.db.writeTransaction { db in
                try await Ledger.post(
                    Ledger.Entry(
                        kind: "gift", cause: .init("test", "3"), bookedAt: Date(),
                        lines: [.debit(.bank, 100), .credit(.donations(.private), 100)]),
                    on: db)
            }

            // MUT + validation
            for statement in [
                "UPDATE fund_ledger_lines SET cents = 1", "DELETE FROM fund_ledger_lines", "UPDATE fund_ledger_entries SET memo = 'x'",
                "DELETE FROM fund_ledger_entries",
            ] {
                do {
                    try await app.db.sql.raw(SQLQueryString(statement)).run()
                    XCTFail("the database allowed: \(statement)")
                } catch {
                    XCTAssertTrue(String(reflecting: error).contains("append-only"), "\(statement): \(error)")
                }
            }
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances, [.bank: 100, .donations(.private): -100])
        }
    }

    func testAStructuredReferenceCatchesATypo() {
        // setup
        let reference = PaymentReference.make()

        // validation
        XCTAssertEqual(reference.count, 16)
        XCTAssertEqual(PaymentReference.normalized(PaymentReference.formatted(reference).lowercased()), reference)
        XCTAssertEqual(PaymentReference.normalized("RF18 5390 0754 7034"), "RF18539007547034")  // ISO 11649's own example
        XCTAssertNil(PaymentReference.normalized("RF18 5390 0754 7035"))
        XCTAssertEqual(PaymentReference.find(in: "gift \(PaymentReference.formatted(reference)) dank!"), reference)
        var typo = Array(reference)
        typo[10] = typo[10] == "1" ? "2" : "1"
        XCTAssertNil(PaymentReference.find(in: "gift " + String(typo)))
    }
}
