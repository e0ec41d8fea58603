import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import FundHelp

/// A bank that books a SEPA file as one debit (its batch id, no end-to-end ids) pays the file's
/// transfers once: never a bank cost besides, and nothing more for those marked paid by hand.
final class BatchDebitTests: XCTestCase {
    func testTheFileAsksForOneDebitPerTransfer() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (_, payout) = try await BankStatementKit.exportedTransfer(app, cents: 10_000)
            let treasurer = try await User.query(on: app.db).filter(\.$email == "kas@example.nl").first()!

            // MUT
            let file = try await ExportPayouts(app: app).again(payout.batchID!, by: treasurer)

            // validation
            let xml = String(decoding: file!.data, as: UTF8.self)
            XCTAssertTrue(xml.contains("<BtchBookg>false</BtchBookg>"), xml)
        }
    }

    func testABatchBookedDebitPaysTheFilesTransfersAndIsNoBankCost() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: two cases, two transfers in one file
            let (first, second, batch) = try await Self.twoTransfersInOneFile(app)
            let statement = Self.camtBatch(app, day: "2026-06-03", messageID: batch.messageID, cents: 37_500)

            // MUT
            let outcome = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "batch.xml", by: nil)

            // validation
            guard case .imported(let summary) = outcome else { return XCTFail("refused: \(outcome)") }
            XCTAssertEqual(summary.payouts, 1)
            XCTAssertEqual(summary.debits, 0, "the file's debit is no bank cost")
            let states = try await SupportPayout.query(on: app.db).all().map(\.state)
            XCTAssertEqual(states, ["paid", "paid"])
            for id in [first.id!, second.id!] {
                let status = try await SupportApplication.find(id, on: app.db)?.status
                XCTAssertEqual(status, "paid")
            }
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], -37_500, "paid out once")
            XCTAssertEqual(balances[.bankCosts] ?? 0, 0)
            try await PayoutKit.assertBooksClean(app)
        }
    }

    func testABatchAlreadyMarkedPaidByHandPostsNothingMore() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (_, _, batch) = try await Self.twoTransfersInOneFile(app)
            let treasurer = try await User.query(on: app.db).filter(\.$email == "kas@example.nl").first()!
            for payout in try await SupportPayout.query(on: app.db).all() {
                let marked = try await MarkPayoutPaid(app: app).run(payout.id!, by: treasurer)
                XCTAssertEqual(marked, .paid)
            }
            let statement = Self.camtBatch(app, day: "2026-06-03", messageID: batch.messageID, cents: 37_500)

            // MUT
            let outcome = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "batch.xml", by: nil)

            // validation
            guard case .imported(let summary) = outcome else { return XCTFail("refused: \(outcome)") }
            XCTAssertEqual(summary.payouts, 1)
            XCTAssertEqual(summary.debits, 0)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], -37_500, "not twice")
            try await PayoutKit.assertBooksClean(app)
        }
    }

    func testVerifyFindsAPayoutBookedAsABankCost() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: as the import did before it knew batches, the debit is booked as a cost
            let (_, _, batch) = try await Self.twoTransfersInOneFile(app)
            let handlers = app.statementPayoutHandlers
            app.statementPayoutHandlers = []
            let statement = Self.camtBatch(app, day: "2026-06-03", messageID: batch.messageID, cents: 37_500)
            _ = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "batch.xml", by: nil)
            app.statementPayoutHandlers = handlers

            // MUT
            let problems = try await PayoutVerify.problems(on: app.db)

            // validation
            XCTAssertEqual(problems, ["fund help: 1 statement lines of the fund's own payouts are booked as bank costs"])
        }
    }

    /// Two granted cases (€ 250 and € 125), each with a transfer, exported in one file.
    static func twoTransfersInOneFile(_ app: Application) async throws -> (SupportApplication, SupportApplication, SupportPayoutBatch) {
        let first = try await PayoutKit.grantedCase(app, grantedCents: 25_000)
        let second = try await PayoutKit.grantedCase(app, grantedCents: 12_500)
        let treasurer = try await app.makeUser(email: "kas@example.nl", roles: [.treasurer])
        for (application, amount) in [(first, "250"), (second, "125")] {
            let input = CreatePayout.Input(
                amount: amount, method: "transfer", payee: "applicant", name: "A. Ozdemir", iban: "NL02ABNA0123456789")
            guard case .created = try await CreatePayout(app: app).run(input, caseID: application.id!, by: treasurer, language: .nl) else {
                throw Abort(.internalServerError, reason: "no payout")
            }
        }
        guard case .exported(let file) = try await ExportPayouts(app: app).run(by: treasurer) else { throw Abort(.internalServerError) }
        return (first, second, try await SupportPayoutBatch.find(file.batchID, on: app.db)!)
    }

    /// A CAMT.053 day with one batch-booked debit: the batch's ids and count, no transaction details.
    static func camtBatch(_ app: Application, day: String, messageID: String, cents: Int64) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>STMT-\(day)</MsgId><CreDtTm>\(day)T06:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>\(day)-1</Id>
              <CreDtTm>\(day)T06:00:00</CreDtTm>
              <Acct><Id><IBAN>\(app.fundSettings.iban)</IBAN></Id><Ccy>EUR</Ccy></Acct>
              <Ntry>
                <Amt Ccy="EUR">\(Pain001.amount(cents))</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>\(day)</Dt></BookgDt>
                <AcctSvcrRef>BATCH-1</AcctSvcrRef>
                <NtryDtls>
                  <Btch><MsgId>\(messageID)</MsgId><PmtInfId>\(messageID)</PmtInfId><NbOfTxs>2</NbOfTxs></Btch>
                </NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """
    }
}
