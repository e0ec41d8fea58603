import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// A statement that cannot be trusted is refused whole, with a message that says why, and
/// nothing of it is posted: malformed, another document or version, a DTD (entity bomb,
/// external entity: refused before any parser reads it), too large, not a statement at all.
final class StatementRefusalTests: XCTestCase {
    static let v02 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"

    func testUntrustworthyFilesAreRefusedAndPostNothing() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let valid = try String(contentsOf: StatementSupport.fixture("camt053-v02.xml"), encoding: .utf8)
            let cases: [(String, String, String)] = [
                ("malformed", String(valid.prefix(valid.count / 2)), "fund.bank.error.malformed_xml"),
                ("camt.052", valid.replacingOccurrences(of: "camt.053.001.02", with: "camt.052.001.02"), "fund.bank.error.not_camt"),
                ("version 09", valid.replacingOccurrences(of: "camt.053.001.02", with: "camt.053.001.09"), "fund.bank.error.version"),
                (
                    "entity bomb",
                    """
                    <?xml version="1.0"?>
                    <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                    <Document xmlns="\(Self.v02)"><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol3;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>
                    """, "fund.bank.error.dtd"
                ),
                (
                    "external entity",
                    """
                    <?xml version="1.0"?><!-- a bank never sends this -->
                    <!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                    <Document xmlns="\(Self.v02)"><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&x;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>
                    """, "fund.bank.error.dtd"
                ),
                ("bad amount", valid.replacingOccurrences(of: ">25.00<", with: ">25,00<"), "fund.bank.error.amount"),
                (
                    "batch that does not add up",
                    valid.replacingOccurrences(of: "<Amt Ccy=\"EUR\">30.00</Amt>", with: "<Amt Ccy=\"EUR\">31.00</Amt>"),
                    "fund.bank.error.batch_amounts"
                ),
                ("not a statement", "Datum;Bedrag\n2026-06-01;25,00\n", "fund.bank.error.unknown_format"),
                ("empty", "", "fund.bank.error.empty"),
                (
                    "bad MT940", ":20:X\r\n:25:NL91ABNA0417164300\r\n:60F:C260531EUR0,00\r\n:61:2613450601C5,00NTRF\r\n",
                    "fund.bank.error.mt940_field"
                ),
            ]

            for (name, text, key) in cases {
                // MUT
                let outcome = try await StatementSupport.importText(app, text)

                // validation
                guard case .refused(let problem) = outcome else {
                    XCTFail("\(name) was not refused: \(outcome)")
                    continue
                }
                XCTAssertEqual(problem.key, key, name)
                // Both languages have the message and every placeholder is filled (withApp checks).
                for language in Language.site {
                    XCTAssertFalse(app.catalogue.text(problem.key, in: language, problem.arguments).contains("{"), name)
                }
            }
            let entries = try await Ledger.balances(on: app.db)
            XCTAssertEqual(entries, [:])
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 0)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAFileOverTheLimitIsRefusedBeforeItIsRead() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.bankStatementSettings = BankStatementSettings(maxBytes: 2_000)

            // MUT
            let outcome = try await StatementSupport.importFile(app, "camt053-v02.xml")

            // validation
            XCTAssertEqual(outcome, .refused(StatementProblem("too_large", ["size": "1 MB", "max": "1 MB"])))
            let text = app.catalogue.text("fund.bank.error.too_large", in: .nl, ["size": "200 MB", "max": "100 MB"])
            XCTAssertTrue(text.contains("hoogstens 100 MB"), text)
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 0)
        }
    }

    func testAnUploadThatIsRefusedSaysWhyOnThePage() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            let bomb =
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document xmlns=\"\(Self.v02)\">&x;</Document>"

            // MUT
            let response = try await StatementSupport.upload(
                browser, path: FundPath.adminImport.path, file: "evil.xml", contents: Data(bomb.utf8))

            // validation
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("DOCTYPE"), response.body.string)
            XCTAssertFalse(response.body.string.contains("root:"))
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.count, 0)
        }
    }
}
