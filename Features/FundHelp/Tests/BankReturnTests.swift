import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The bank's statement settles the fund's transfers by their end-to-end id: the debit pays the
/// payout (not a bank cost), a returned transfer reopens it and tells the applicant, and the
/// same statement twice changes nothing.
final class BankReturnTests: XCTestCase {
    func testAStatementsDebitPaysThePayoutOnce() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (granted, payout) = try await BankStatementKit.exportedTransfer(app, cents: 25_000, email: "amal@example.nl")
            let statement = BankStatementKit.camt(
                app, day: "2026-06-03",
                entries: [
                    .init(reference: "B-1", cents: 25_000, credit: false, endToEndID: payout.endToEndID),
                    .init(reference: "B-2", cents: 350, credit: false, endToEndID: nil),
                ])

            // MUT
            let first = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "a.xml", by: nil)
            let second = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "a.xml", by: nil)

            // validation
            guard case .imported(let summary) = first, case .imported(let again) = second else {
                return XCTFail("refused: \(first) \(second)")
            }
            XCTAssertEqual(summary.payouts, 1)
            XCTAssertEqual(summary.debits, 1, "the bank's own cost is still a cost")
            XCTAssertEqual(again.duplicates, 2)
            XCTAssertEqual(again.payouts, 0)
            let paid = try await SupportPayout.find(payout.id!, on: app.db)
            XCTAssertEqual(paid?.state, "paid")
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.status, "paid")
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank], -25_350)
            XCTAssertEqual(balances[.bankCosts], 350, "the payout is no bank cost")
            let told = try await PayoutKit.mails(to: "amal@example.nl", app)
            XCTAssertEqual(told, 1)
            try await PayoutKit.assertBooksClean(app)
        }
    }

    func testAReturnedTransferReopensThePayoutAndTellsTheApplicant() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (granted, payout) = try await BankStatementKit.exportedTransfer(app, cents: 12_000, email: "amal@example.nl")
            let debit = BankStatementKit.camt(
                app, day: "2026-06-03",
                entries: [
                    .init(reference: "B-1", cents: 12_000, credit: false, endToEndID: payout.endToEndID)
                ])
            let returned = BankStatementKit.camt(
                app, day: "2026-06-05",
                entries: [
                    .init(reference: "B-9", cents: 12_000, credit: true, endToEndID: payout.endToEndID, isReturn: true)
                ])
            _ = try await ImportStatement(app: app).run(.data(Data(debit.utf8)), fileName: "debit.xml", by: nil)

            // MUT
            let first = try await ImportStatement(app: app).run(.data(Data(returned.utf8)), fileName: "return.xml", by: nil)
            let second = try await ImportStatement(app: app).run(.data(Data(returned.utf8)), fileName: "return.xml", by: nil)

            // validation
            guard case .imported(let summary) = first, case .imported(let again) = second else {
                return XCTFail("refused: \(first) \(second)")
            }
            XCTAssertEqual(summary.payouts, 1)
            XCTAssertEqual(summary.skipped, [])
            XCTAssertEqual(again.payouts, 0)
            XCTAssertEqual(again.duplicates, 1)
            let reopened = try await SupportPayout.find(payout.id!, on: app.db)
            XCTAssertEqual(reopened?.state, "returned")
            XCTAssertNotNil(reopened?.returnedAt)
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.status, "granted")
            XCTAssertEqual(application?.paidCents, 0)
            XCTAssertNil(application?.closedAt)
            let kinds = try await app.db.sql.raw(
                "SELECT kind FROM fund_ledger_entries WHERE cause_type = 'support_payout' ORDER BY kind"
            ).all().map { try $0.decode(column: "kind", as: String.self) }
            XCTAssertEqual(kinds, ["payout", "payout_return"])
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.bank] ?? 0, 0, "out and back in")
            XCTAssertEqual(balances[.grantsPayable], -12_000, "owed again")
            let told = try await PayoutKit.mails(to: "amal@example.nl", app)
            XCTAssertEqual(told, 2, "paid, then returned: news twice")
            // The grant can be paid again.
            let remaining = try await PayoutSettlement.remainingCents(of: application!, on: app.db)
            XCTAssertEqual(remaining, 12_000)
            try await PayoutKit.assertBooksClean(app)
        }
    }

    func testAReturnThatIsNoPayoutOfOursIsLeftAlone() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (_, payout) = try await BankStatementKit.exportedTransfer(app, cents: 5_000)
            let statement = BankStatementKit.camt(
                app, day: "2026-06-05",
                entries: [
                    .init(reference: "B-1", cents: 5_000, credit: true, endToEndID: "SOMEONE-ELSES", isReturn: true),
                    .init(reference: "B-2", cents: 4_999, credit: false, endToEndID: payout.endToEndID),
                ])

            // MUT
            let outcome = try await ImportStatement(app: app).run(.data(Data(statement.utf8)), fileName: "x.xml", by: nil)

            // validation
            guard case .imported(let summary) = outcome else { return XCTFail("refused: \(outcome)") }
            XCTAssertEqual(summary.payouts, 0)
            XCTAssertEqual(summary.skipped.map(\.reason), [.returned])
            XCTAssertEqual(summary.debits, 1, "another amount than the payout's is not ours to book")
            let unchanged = try await SupportPayout.find(payout.id!, on: app.db)
            XCTAssertEqual(unchanged?.state, "exported")
            try await PayoutKit.assertBooksClean(app)
        }
    }
}

enum BankStatementKit {
    struct Entry {
        var reference: String
        var cents: Int64
        var credit: Bool
        var endToEndID: String?
        var isReturn = false
    }

    /// A granted case with one transfer, exported in a SEPA file.
    static func exportedTransfer(_ app: Application, cents: Int64, email: String? = nil) async throws -> (SupportApplication, SupportPayout)
    {
        let granted = try await PayoutKit.grantedCase(app, grantedCents: cents, email: email)
        let treasurer = try await app.makeUser(email: "kas@example.nl", roles: [.treasurer])
        let input = CreatePayout.Input(
            amount: Pain001.amount(cents), method: "transfer", payee: "applicant", name: "Amal Özdemir", iban: "NL02ABNA0123456789")
        guard case .created(let id) = try await CreatePayout(app: app).run(input, caseID: granted.id!, by: treasurer, language: .nl) else {
            throw Abort(.internalServerError, reason: "no payout")
        }
        guard case .exported = try await ExportPayouts(app: app).run(by: treasurer) else { throw Abort(.internalServerError) }
        return (granted, try await SupportPayout.find(id, on: app.db)!)
    }

    /// A CAMT.053.001.02 day of the fund's own account.
    static func camt(_ app: Application, day: String, entries: [Entry]) -> String {
        let body = entries.map { entry in
            """
              <Ntry>
                <Amt Ccy="EUR">\(Pain001.amount(entry.cents))</Amt>
                <CdtDbtInd>\(entry.credit ? "CRDT" : "DBIT")</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>\(day)</Dt></BookgDt>
                <AcctSvcrRef>\(entry.reference)</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  \(entry.endToEndID.map { "<Refs><EndToEndId>\($0)</EndToEndId></Refs>" } ?? "")
                  <RltdPties><Cdtr><Nm>A. Ozdemir</Nm></Cdtr><CdtrAcct><Id><IBAN>NL02ABNA0123456789</IBAN></Id></CdtrAcct></RltdPties>
                  \(entry.isReturn ? "<RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>" : "")
                </TxDtls></NtryDtls>
              </Ntry>
            """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>STMT-\(day)</MsgId><CreDtTm>\(day)T06:00:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>\(day)-1</Id>
                  <CreDtTm>\(day)T06:00:00</CreDtTm>
                  <Acct><Id><IBAN>\(app.fundSettings.iban)</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(body)
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """
    }
}
