import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

/// Money that goes back through Mollie reaches the ledger however it went: a refund made in
/// Mollie's dashboard, a refund we asked for but never booked, a chargeback by the donor's bank.
/// Mollie keeps such a payment `paid` and calls the same webhook; Mollie's fee is not ours to guess.
final class MollieReversalTests: XCTestCase {
    func testARefundMadeInMollieItselfIsBookedOnceByTheWebhook() async throws {
        try await MollieKit.with { kit in
            // setup: paid and booked; then a refund at Mollie that our app never booked
            // (made in the dashboard, or RefundGift crashed between Mollie's yes and the booking)
            let (gift, paymentID) = try await kit.askForGift(cents: 3000)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            let refundID = await kit.mollie.refund(paymentID, cents: 1000)
            XCTAssertNotNil(refundID)

            // MUT: Mollie's webhook, three times
            for _ in 0..<3 { try await kit.webhook(paymentID) }

            // validation: one refund posting, the gift and totals follow, no treasurer, "via Mollie"
            let refunds = try await kit.postings(kind: "refund")
            XCTAssertEqual(refunds, 1)
            let after = try await kit.gift(gift.id!)
            XCTAssertEqual(after.refundedCents, 1000)
            XCTAssertEqual(after.giftStatus, .paid)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 2000)
            let row = try await kit.app.db.sql.raw(
                "SELECT reason, created_by FROM fund_refunds WHERE provider_refund_id = \(bind: refundID!)"
            ).first()
            XCTAssertEqual(try row?.decode(column: "reason", as: String.self), "via Mollie")
            XCTAssertNil(try row?.decode(column: "created_by", as: UUID?.self))
            let mails = try await kit.outbox(subject: "We betalen (een deel van) je gift terug")
            XCTAssertEqual(mails, 1)
            try await kit.assertLedgerBalances()
        }
    }

    func testATreasurersRefundIsNotBookedTwiceWhenMollieCallsTheWebhookAfter() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 2500)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            _ = try await kit.app.makeUser(name: "Bram", email: "penningmeester@example.nl", roles: [.treasurer])
            let browser = Browser(kit.app)
            try await browser.logIn("penningmeester@example.nl")
            let refunded = try await browser.post(
                FundPath.adminRefund(.value(gift.id!)).path, ["amount": "5,00", "reason": "Deel terug", "seen": "0"])
            XCTAssertEqual(refunded.status, .seeOther)

            // MUT
            try await kit.webhook(paymentID)
            try await kit.webhook(paymentID)

            // validation
            let refunds = try await kit.postings(kind: "refund")
            XCTAssertEqual(refunds, 1)
            let after = try await kit.gift(gift.id!)
            XCTAssertEqual(after.refundedCents, 500)
            try await kit.assertLedgerBalances()
        }
    }

    func testAChargebackIsBookedOnceAndTellsTheDonorNothing() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 2000)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)

            // MUT: the bank takes it all back; Mollie calls the webhook; and again
            let chargebackID = try await kit.mollie.chargeback(paymentID)
            try await kit.webhook(paymentID)
            try await kit.webhook(paymentID)

            // validation
            XCTAssertNotNil(chargebackID)
            let chargebacks = try await kit.postings(kind: "chargeback")
            XCTAssertEqual(chargebacks, 1)
            let cause = try await kit.app.db.sql.raw("SELECT cause_id FROM fund_ledger_entries WHERE kind = 'chargeback'").first()
            XCTAssertEqual(try cause?.decode(column: "cause_id", as: String.self), chargebackID)
            let after = try await kit.gift(gift.id!)
            XCTAssertEqual(after.giftStatus, .refunded)
            XCTAssertEqual(after.refundedCents, 2000)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 0)
            let mails = try await kit.outbox(subject: "We betalen (een deel van) je gift terug")
            XCTAssertEqual(mails, 0)
            try await kit.assertLedgerBalances()
        }
    }

    func testTheWholePaidAmountReachesMollieWithNoFeeGuessed() async throws {
        try await MollieKit.with { kit in
            // setup
            let (_, paymentID) = try await kit.askForGift(cents: 1000)
            try await kit.mollie.setStatus(paymentID, "paid")

            // MUT
            try await kit.webhook(paymentID)

            // validation: Mollie invoices its fees separately; settlementAmount is not amount minus fee
            let balances = try await Ledger.balances(on: kit.app.db)
            XCTAssertEqual(balances[.mollie], 1000)
            XCTAssertEqual(balances[.mollieFees] ?? 0, 0)
            try await kit.assertLedgerBalances()
        }
    }
}
