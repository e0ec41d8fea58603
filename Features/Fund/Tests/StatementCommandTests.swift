import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// `kracht fund import-statement FILE`, for statements the bank delivers by SFTP.
final class StatementCommandTests: XCTestCase {
    func testTheCommandImportsAStatementAndRefusesABadOne() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let gift = try await StatementSupport.transferGift(app, reference: "RF95100000000006", cents: 3500)
            let command = try XCTUnwrap(FundFeature().commands()["fund"])
            let bad = FileManager.default.temporaryDirectory.appendingPathComponent("kracht-bad-\(UUID().uuidString).xml")
            try Data("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".utf8).write(to: bad)
            defer { try? FileManager.default.removeItem(at: bad) }

            // MUT
            var context = CommandContext(
                console: app.console,
                input: CommandInput(arguments: ["kracht", "import-statement", StatementSupport.fixture("mt940-ing.sta").path]))
            context.application = app
            try await command.run(using: &context)
            var refused = CommandContext(console: app.console, input: CommandInput(arguments: ["kracht", "import-statement", bad.path]))
            refused.application = app

            // validation
            do {
                try await command.run(using: &refused)
                XCTFail("a file with a DTD was imported")
            } catch {}
            let status = try await StatementSupport.status(of: gift, app)
            XCTAssertEqual(status, "paid")
            let imports = try await StatementImport.query(on: app.db).all()
            XCTAssertEqual(imports.map(\.format), ["mt940"])
            XCTAssertNil(imports.first?.importedBy)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheUploadPageImportsAStatement() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (treasurer, browser) = try await StatementSupport.treasurer(app)
            try await StatementSupport.transferGift(app, reference: "RF36100000000001", cents: 2500)
            let contents = try Data(contentsOf: StatementSupport.fixture("camt053-v02.xml"))
            let form = try await browser.get(FundPath.adminImport.path)
            XCTAssertEqual(form.status, .ok)

            // MUT
            let response = try await StatementSupport.upload(browser, path: FundPath.adminImport.path, file: "juni.xml", contents: contents)

            // validation
            XCTAssertEqual(response.status, .ok)
            let body = response.body.string
            XCTAssertTrue(body.contains("1 betaling gekoppeld aan een gift"), body)
            XCTAssertTrue(body.contains("4 betalingen in de wachtrij"), body)
            XCTAssertTrue(body.contains("Niet in euro, niet geboekt"), body)
            let imports = try await StatementImport.query(on: app.db).all()
            XCTAssertEqual(imports.first?.importedBy, treasurer.id)
            let overview = try await browser.get(FundPath.admin.path)
            XCTAssertTrue(overview.body.string.contains("4 betalingen wachten op jou in de wachtrij"), overview.body.string)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
