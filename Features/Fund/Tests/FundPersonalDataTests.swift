import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import XCTest

/// A donor's part of their data export and erasure: their gifts and monthly gifts, found by
/// account or by an address they proved is theirs; erasure removes the person, never the money.
final class FundPersonalDataTests: XCTestCase {
    func testTheExportHoldsTheDonorsGiftsAndAnUnconfirmedAccountSeesNoneByAddress() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let donor = try await app.makeUser(email: "gever@example.nl")
            try await ReportTestGifts.pay(app, cents: 2500, on: "2026-03-02", email: "gever@example.nl")
            try await ReportTestGifts.pay(app, cents: 1000, on: "2026-04-02", userID: donor.id)
            // Someone else's account, never confirmed, claiming the donor's address.
            let impostor = try await app.makeUser(email: "ander@example.nl", confirmed: false)
            impostor.email = "gever@example.nl"

            // MUT
            let export = try await FundFeature().exportData(of: donor, app: app)
            let stolen = try await FundFeature().exportData(of: impostor, app: app)

            // validation
            guard case .object(let fields)? = export, case .array(let gifts)? = fields["gifts"] else {
                return XCTFail("\(String(describing: export))")
            }
            XCTAssertEqual(gifts.count, 2)
            XCTAssertNil(stolen, "an address nobody confirmed opens nobody's gifts")
        }
    }

    func testErasureKeepsTheMoneyAndStopsAMonthlyGift() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let donor = try await app.makeUser(email: "maandgever@example.nl")
            let gift = try await ReportTestGifts.pay(app, cents: 5000, on: "2026-05-10", email: "maandgever@example.nl")
            let monthly = RecurringGift()
            monthly.id = UUID()
            monthly.createdAt = Date()
            monthly.status = RecurringGift.Status.active.rawValue
            monthly.amountCents = 1500
            monthly.donorName = "Maand Gever"
            monthly.donorEmail = "maandgever@example.nl"
            monthly.language = "nl"
            monthly.wall = Gift.Wall.name.rawValue
            monthly.source = GiftSource.private.rawValue
            monthly.customerID = "cst_test"
            monthly.subscriptionID = "sub_test"
            try await monthly.create(on: app.db)
            let before = try await Ledger.balances(on: app.db)

            // MUT
            try await app.db.transaction { db in try await FundFeature().eraseData(of: donor, on: db) }

            // validation
            let erased = try await Gift.find(gift.id, on: app.db)
            XCTAssertNil(erased?.donorEmail)
            XCTAssertNil(erased?.donorName)
            XCTAssertEqual(erased?.wall, Gift.Wall.anonymous.rawValue)
            let stopped = try await RecurringGift.find(monthly.id, on: app.db)
            XCTAssertEqual(stopped?.status, RecurringGift.Status.stopped.rawValue)
            XCTAssertNil(stopped?.donorEmail)
            let jobs = try await Job.query(on: app.db).filter(\.$kind == "fund.cancel-subscription").count()
            XCTAssertEqual(jobs, 1, "the Mollie subscription is cancelled just after")
            let after = try await Ledger.balances(on: app.db)
            XCTAssertEqual(after, before)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheDemoIsALivingFundThatVerifies() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let people = try await DemoPeople.create(app: app)

            // MUT
            try await FundFeature().seedDemo(app: app, people: people)

            // validation
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
            let donors = try await FundTotals.value(.donors, on: app.db)
            XCTAssertGreaterThan(donors, 200)
            let queued = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM fund_statement_lines WHERE status = 'queued'").first()?
                .decode(column: "n", as: Int64.self)
            XCTAssertEqual(queued, 2)
            let refunded = try await Gift.query(on: app.db).filter(\.$status == Gift.Status.refunded.rawValue).count()
            XCTAssertEqual(refunded, 1)
            let campaigns = try await FundCampaign.query(on: app.db).count()
            XCTAssertEqual(campaigns, 2)
            XCTAssertLessThan(abs(app.clock.now().timeIntervalSinceNow), 60, "the demo puts the clock back")
        }
    }

    func testAnIBANMustPassItsCheckDigits() {
        XCTAssertTrue(FundSettings.isValidIBAN("NL91 ABNA 0417 1643 00"))
        XCTAssertFalse(FundSettings.isValidIBAN("NL92ABNA0417164300"))
        XCTAssertFalse(FundSettings.isValidIBAN("geen rekening"))
    }
}
