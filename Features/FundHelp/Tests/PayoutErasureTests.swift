import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import FundHelp

/// Erasing a case reaches its payouts: a transfer waiting for a file is cancelled (the next file
/// holds exactly what it says), one at the bank keeps its payee until it settles, and the bank's
/// statement lines of its payouts name no one. The case number never travels to the bank.
final class PayoutErasureTests: XCTestCase {
    func testTheFileNeverCarriesTheCaseNumber() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (granted, payout) = try await BankStatementKit.exportedTransfer(app, cents: 10_000)
            let treasurer = try await User.query(on: app.db).filter(\.$email == "kas@example.nl").first()!

            // MUT
            let file = try await ExportPayouts(app: app).again(payout.batchID!, by: treasurer)

            // validation
            let xml = String(decoding: file!.data, as: UTF8.self)
            XCTAssertFalse(xml.contains(granted.number), xml)
            XCTAssertTrue(xml.contains("<Ustrd>Solidariteitsfonds \(payout.endToEndID)</Ustrd>"), xml)
        }
    }

    func testErasingACaseCancelsItsWaitingTransferAndTheNextFileHoldsOnlyTheOthers() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: two cases with a transfer waiting; the first is erased
            let erased = try await PayoutKit.grantedCase(app, grantedCents: 20_000)
            let other = try await PayoutKit.grantedCase(app, grantedCents: 5_000)
            let browser = try await PayoutKit.treasurer(app)
            try await browser.post(FundHelpPath.adminPayout(.value(erased.id!)).path, PayoutKit.transfer(amount: "200"))
            try await browser.post(FundHelpPath.adminPayout(.value(other.id!)).path, PayoutKit.transfer(amount: "50"))
            try await app.db.writeTransaction { db in
                _ = try await EraseCase.run(SupportApplication.locked(erased.id!, on: db)!, app: app, on: db)
            }

            // MUT
            let response = try await browser.post(FundHelpPath.payoutExport.path)

            // validation
            XCTAssertEqual(response.status, .ok)
            let xml = response.body.string
            XCTAssertEqual(xml.components(separatedBy: "<NbOfTxs>1</NbOfTxs>").count - 1, 2, xml)
            XCTAssertEqual(xml.components(separatedBy: "<CtrlSum>50.00</CtrlSum>").count - 1, 2, xml)
            let batch = try await SupportPayoutBatch.query(on: app.db).first()
            XCTAssertEqual(batch?.payoutCount, 1)
            XCTAssertEqual(batch?.totalCents, 5_000)
            let cancelled = try await SupportPayout.query(on: app.db).filter(\.$application.$id == erased.id!).first()
            XCTAssertEqual(cancelled?.state, "cancelled")
            XCTAssertNil(cancelled?.payeeSealed)
            // Nothing else is waiting: a second file is refused with the clear message.
            let again = try await browser.post(FundHelpPath.payoutExport.path)
            XCTAssertEqual(again.status, .seeOther)
            let list = try await browser.get(FundHelpPath.payouts.path)
            XCTAssertTrue(list.body.string.contains("Er staan geen overschrijvingen klaar"), list.body.string)
            try await PayoutKit.assertBooksClean(app)
            let problems = try await FundHelpFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testATransferAtTheBankKeepsItsPayeeUntilItSettlesAndItsLineNamesNoOne() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: exported, then the case is erased
            let (granted, payout) = try await BankStatementKit.exportedTransfer(app, cents: 25_000)
            try await app.db.writeTransaction { db in
                _ = try await EraseCase.run(SupportApplication.locked(granted.id!, on: db)!, app: app, on: db)
            }
            let waiting = try await SupportPayout.find(payout.id!, on: app.db)
            XCTAssertEqual(waiting?.state, "exported")
            XCTAssertNotNil(waiting?.payeeSealed, "the bank may still need it: it may come back")
            let statement = BankStatementKit.camt(
                app, day: "2026-06-03",
                entries: [
                    .init(reference: "B-1", cents: 25_000, credit: false, endToEndID: payout.endToEndID)
                ])

            // MUT
            let outcome = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "a.xml", by: nil)

            // validation
            guard case .imported(let summary) = outcome else { return XCTFail("refused: \(outcome)") }
            XCTAssertEqual(summary.payouts, 1)
            let paid = try await SupportPayout.find(payout.id!, on: app.db)
            XCTAssertEqual(paid?.state, "paid")
            XCTAssertNil(paid?.payeeSealed)
            let line = try await StatementLineRecord.query(on: app.db).first()
            XCTAssertEqual(line?.status, "payout")
            XCTAssertNil(line?.nameSealed)
            XCTAssertNil(line?.ibanLast4)
            try await PayoutKit.assertBooksClean(app)
            let problems = try await FundHelpFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testErasingAPaidCaseForgetsThePayeeOnItsStatementLines() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: paid by the statement, whose line names the payee
            let (granted, payout) = try await BankStatementKit.exportedTransfer(app, cents: 25_000)
            let statement = BankStatementKit.camt(
                app, day: "2026-06-03",
                entries: [
                    .init(reference: "B-1", cents: 25_000, credit: false, endToEndID: payout.endToEndID)
                ])
            _ = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "a.xml", by: nil)
            let named = try await StatementLineRecord.query(on: app.db).first()
            XCTAssertNotNil(named?.nameSealed)
            XCTAssertEqual(named?.ibanLast4, "6789")

            // MUT
            try await app.db.writeTransaction { db in
                _ = try await EraseCase.run(SupportApplication.locked(granted.id!, on: db)!, app: app, on: db)
            }

            // validation
            let line = try await StatementLineRecord.query(on: app.db).first()
            XCTAssertNil(line?.nameSealed)
            XCTAssertNil(line?.textSealed)
            XCTAssertNil(line?.ibanLast4)
            XCTAssertNil(line?.ibanIndex)
            let clean = try await FundHelpFeature().verify(app: app)
            XCTAssertEqual(clean, [])
            // A line that still names the payee of an erased case is a problem.
            try await app.db.sql.update(StatementLineRecord.schema).set("iban_last4", to: SQLBind("6789")).run()
            let problems = try await PayoutVerify.problems(on: app.db)
            XCTAssertEqual(problems, ["fund help: erased case \(granted.number) still has a payee on its statement lines"])
        }
    }
}
