import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// The takings of the benefit evening and a gift in kind, recorded by the treasurer with a note.
final class CashTests: XCTestCase {
    func testTheTreasurerRecordsTheTakingsOfABenefitEvening() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            let form = try await browser.get(FundPath.adminCash.path)
            XCTAssertEqual(form.status, .ok)

            // MUT
            let cash = try await browser.post(
                FundPath.adminCash.path,
                ["amount": "1.234,50", "day": "2026-06-14", "kind": "cash", "source": "event", "note": "opbrengst benefietavond 14 juni"])
            let inKind = try await browser.post(
                FundPath.adminCash.path,
                [
                    "amount": "300", "day": "2026-06-14", "kind": "in_kind", "source": "partner", "donor_name": "Bakkerij Oost",
                    "note": "brood",
                ])

            // validation
            XCTAssertEqual(cash.status, .seeOther)
            XCTAssertEqual(inKind.status, .seeOther)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.cash], 123_450)
            XCTAssertEqual(balances[.inKind], 30_000)
            XCTAssertEqual(balances[.donations(.event)], -123_450)
            XCTAssertEqual(balances[.donations(.partner)], -30_000)
            let gifts = try await Gift.query(on: app.db).sort(\.$amountCents).all()
            XCTAssertEqual(gifts.map(\.method), ["in_kind", "cash"])
            XCTAssertEqual(gifts.map(\.note), ["brood", "opbrengst benefietavond 14 juni"])
            XCTAssertEqual(gifts.map(\.wall), ["anonymous", "anonymous"])
            let page = try await browser.get(FundPath.adminCash.path)
            XCTAssertTrue(page.body.string.contains("opbrengst benefietavond 14 juni"))
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testBadInputIsRefusedWithAMessagePerField() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            let tomorrow = AmsterdamTime.addingDays(1, to: AmsterdamTime.day(app.clock.now()))

            for (fields, field) in [
                (["amount": "0", "day": "2026-06-14", "kind": "cash", "source": "event", "note": "x"], "cash-amount-error"),
                (["amount": "-5", "day": "2026-06-14", "kind": "cash", "source": "event", "note": "x"], "cash-amount-error"),
                // Over-precise: not read as ten thousand euros.
                (["amount": "10,505", "day": "2026-06-14", "kind": "cash", "source": "event", "note": "x"], "cash-amount-error"),
                (["amount": "tien", "day": "2026-06-14", "kind": "cash", "source": "event", "note": "x"], "cash-amount-error"),
                (["amount": "10", "day": tomorrow, "kind": "cash", "source": "event", "note": "x"], "cash-day-error"),
                (["amount": "10", "day": "2026-02-30", "kind": "cash", "source": "event", "note": "x"], "cash-day-error"),
                (["amount": "10", "day": "2026-06-14", "kind": "gold", "source": "event", "note": "x"], "cash-kind-error"),
                (["amount": "10", "day": "2026-06-14", "kind": "cash", "source": "campaign", "note": "x"], "cash-source-error"),
                (["amount": "10", "day": "2026-06-14", "kind": "cash", "source": "event", "note": " "], "cash-note-error"),
                (
                    ["amount": "10", "day": "2026-06-14", "kind": "cash", "source": "event", "campaign": "nope", "note": "x"],
                    "cash-campaign-error"
                ),
            ] {
                // MUT
                let response = try await browser.post(FundPath.adminCash.path, fields)

                // validation
                XCTAssertEqual(response.status, .badRequest, "\(fields)")
                XCTAssertTrue(response.body.string.contains("id=\"\(field)\""), "\(fields): \(field)")
                XCTAssertTrue(response.body.string.contains("<title>Fout:"), "\(fields)")
            }
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances, [:])
        }
    }
}
