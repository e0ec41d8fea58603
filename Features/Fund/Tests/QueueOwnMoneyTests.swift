import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// Money between the fund's own accounts is no gift; an anonymous gift is booked only after a
/// second, explicit click; the overview shows each balance with its sign; a cash form sent
/// twice books once.
final class QueueOwnMoneyTests: XCTestCase {
    func testAMolliePayoutAndCashPaidInAreNoGifts() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup: three credits without a known gift (5.00, 12.00, 35.00)
            let (treasurer, browser) = try await StatementSupport.treasurer(app)
            _ = try await StatementSupport.importFile(app, "mt940-ing.sta")
            let queued = try await StatementSupport.statementLines(app)
            XCTAssertEqual(queued.map(\.amountCents), [500, 1200, 3500])

            // MUT
            let payout = try await HandleQueuedLine(app: app).run(queued[2].id!, .transfer(from: .mollie), by: treasurer)
            let cash = try await browser.post(FundPath.adminQueueLine(.value(queued[1].id!)).path, ["action": "cash"])
            let again = try await HandleQueuedLine(app: app).run(queued[2].id!, .transfer(from: .cash), by: treasurer)

            // validation
            XCTAssertEqual(payout, .transferred)
            XCTAssertEqual(cash.status, .seeOther)
            XCTAssertEqual(again, .alreadyHandled)
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.map(\.status), ["queued", "internal", "internal"])
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 0)
            let raised = try await FundTotals.value(.raisedCents, on: app.db)
            XCTAssertEqual(raised, 0)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.mollie], -3500)
            XCTAssertEqual(balances[.cash], -1200)
            XCTAssertEqual(balances[.unmatched], -500)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "fund.queue.internal").count()
            XCTAssertEqual(audits, 2)
            // The overview shows what Mollie now owes as a negative balance, not as money held.
            let overview = try await browser.get(FundPath.admin.path).body.string
            XCTAssertTrue(overview.contains("-€ 35,00"), overview)
            XCTAssertTrue(overview.contains("<td>€ 5,00</td>"), "what is still unassigned shows as it is")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnAnonymousGiftIsBookedOnlyAfterTheSecondClick() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            _ = try await StatementSupport.importFile(app, "mt940-ing.sta")
            let line = try await StatementSupport.statementLines(app)[0]
            let path = FundPath.adminQueueLine(.value(line.id!)).path

            // MUT
            let first = try await browser.post(path, ["action": "anonymous"])

            // validation
            XCTAssertEqual(first.status, .ok)
            XCTAssertTrue(first.body.string.contains("Ja, boek € 5,00 als anonieme gift"), first.body.string)
            let unchanged = try await StatementLineRecord.find(line.id, on: app.db)
            XCTAssertEqual(unchanged?.status, "queued")

            // MUT
            let confirmed = try await browser.post(path, ["action": "anonymous", "confirmed": "yes"])

            // validation
            XCTAssertEqual(confirmed.status, .seeOther)
            let booked = try await StatementLineRecord.find(line.id, on: app.db)
            XCTAssertEqual(booked?.status, "anonymous")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheCashFormSentTwiceBooksOnce() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            let form = try await browser.get(FundPath.adminCash.path).body.string
            let marker = "name=\"form_id\" value=\""
            let start = try XCTUnwrap(form.range(of: marker)).upperBound
            let formID = String(form[start...].prefix(36))
            let fields = [
                "amount": "250", "day": AmsterdamTime.day(Date()), "kind": "cash", "source": "event", "note": "collecte", "form_id": formID,
            ]

            // MUT
            let first = try await browser.post(FundPath.adminCash.path, fields)
            let second = try await browser.post(FundPath.adminCash.path, fields)

            // validation
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(second.status, .seeOther)
            let page = try await browser.get(FundPath.adminCash.path).body.string
            XCTAssertTrue(page.contains("al verwerkt"), page)
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 1)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.cash], 25_000)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
