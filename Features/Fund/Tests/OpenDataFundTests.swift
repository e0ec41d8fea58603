import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// The transparency figures as a CSV for Dutch Excel and as open data, equal to the ledger.
final class OpenDataFundTests: XCTestCase {
    private func fillLedger(_ app: Application) async throws {
        let first = try await ReportTestGifts.pay(app, cents: 2500, on: "2026-01-10", fee: 29, email: "a@example.nl")
        try await ReportTestGifts.pay(app, cents: 10_050, on: "2026-01-20", source: .organisation, method: .transfer, into: .bank)
        try await ReportTestGifts.pay(app, cents: 4000, on: "2026-02-05", source: .event, method: .cash, into: .cash)
        try await ReportTestGifts.refund(app, first, cents: 1000, on: "2026-02-07")
    }

    func testTheCSVOpensInDutchExcelWithTheLedgersFigures() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await fillLedger(app)

            // MUT
            let response = try await Browser(app).get("/fonds/verantwoording.csv")

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.contentType?.subType, "csv")
            let text = response.body.string
            XCTAssertTrue(text.hasPrefix("\u{FEFF}"), "a byte order mark for Excel")
            let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            XCTAssertEqual(
                lines[0],
                "maand;binnen_private;binnen_organisation;binnen_campaign;binnen_event;binnen_partner;terugbetaald;netto_binnen;kosten;totaal_uit"
            )
            XCTAssertEqual(lines[1], "2026-01;25,00;100,50;0,00;0,00;0,00;0,00;125,50;0,29;0,29")
            XCTAssertEqual(lines[2], "2026-02;0,00;0,00;0,00;40,00;0,00;10,00;30,00;0,00;0,00")
            XCTAssertEqual(lines.count, 3)
        }
    }

    func testTheAPIGivesTheSameFiguresAsTheLedger() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await fillLedger(app)
            let balances = try await Ledger.balances(on: app.db)
            let browser = Browser(app)

            // MUT
            let summary = try await browser.get("/api/v1/fund/summary")
            let months = try await browser.get("/api/v1/fund/months")

            // validation
            XCTAssertEqual(summary.status, .ok)
            XCTAssertEqual(summary.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let s = try JSONSerialization.jsonObject(with: Data(summary.body.readableBytesView)) as! [String: Any]
            XCTAssertEqual(s["raisedCents"] as? Int, 2500 + 10_050 + 4000 - 1000)
            XCTAssertEqual(s["donors"] as? Int, 1)
            XCTAssertEqual((s["targets"] as? [String: Any])?["raisedCents"] as? Int, 10_000_000)
            XCTAssertEqual((s["targets"] as? [String: Any])?["donors"] as? Int, 5000)
            let balance = try XCTUnwrap(s["balance"] as? [String: Any])
            let holds = try XCTUnwrap(balance["holdsCents"] as? [String: Any])
            XCTAssertEqual(holds["bank"] as? Int, Int(balances[.bank] ?? 0))
            XCTAssertEqual(holds["mollie"] as? Int, Int(balances[.mollie] ?? 0))
            XCTAssertEqual(holds["cash"] as? Int, Int(balances[.cash] ?? 0))
            XCTAssertEqual(s["feesCents"] as? Int, Int(balances[.mollieFees] ?? 0))
            XCTAssertEqual(s["refundsCents"] as? Int, Int(balances[.refunds] ?? 0))
            XCTAssertEqual(balance["availableCents"] as? Int, 2500 + 10_050 + 4000 - 1000 - 29)
            let m = try JSONSerialization.jsonObject(with: Data(months.body.readableBytesView)) as! [String: Any]
            let list = try XCTUnwrap(m["months"] as? [[String: Any]])
            XCTAssertEqual(list.map { $0["month"] as? String }, ["2026-01", "2026-02"])
            XCTAssertEqual((list[0]["inCents"] as? [String: Int])?["organisation"], 10_050)
            XCTAssertEqual(list[1]["refundsCents"] as? Int, 1000)
            XCTAssertEqual(list[1]["netInCents"] as? Int, 3000)
            XCTAssertEqual(list[0]["feesCents"] as? Int, 29)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testCampaignsAreListedWithTheirPageAndTheDocumentDescribesEveryFundPath() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let campaign = FundCampaign()
            campaign.id = UUID()
            campaign.createdAt = Date()
            campaign.slug = "benefiet-juni"
            campaign.title = "Benefietavond juni"
            campaign.description = "Muziek voor het fonds"
            campaign.goalCents = 500_000
            campaign.raisedCents = 0
            campaign.gifts = 0
            try await campaign.create(on: app.db)
            let browser = Browser(app)

            // MUT
            let campaigns = try await browser.get("/api/v1/fund/campaigns")
            let document = try await browser.get("/api/v1/openapi.json")

            // validation
            let c = try JSONSerialization.jsonObject(with: Data(campaigns.body.readableBytesView)) as! [String: Any]
            let first = try XCTUnwrap((c["campaigns"] as? [[String: Any]])?.first)
            XCTAssertEqual(first["slug"] as? String, "benefiet-juni")
            XCTAssertEqual(first["goalCents"] as? Int, 500_000)
            XCTAssertTrue(first["deadline"] is NSNull, "a missing deadline is null, as the schema says")
            XCTAssertEqual(first["url"] as? String, "http://kracht.test/fonds/campagnes/benefiet-juni")
            let paths = try XCTUnwrap(
                (try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any])?["paths"]
                    as? [String: Any])
            for path in ["/fund/summary", "/fund/months", "/fund/campaigns"] {
                let get = (paths[path] as? [String: Any])?["get"] as? [String: Any]
                XCTAssertNotNil(get?["responses"], path)
            }
        }
    }
}
