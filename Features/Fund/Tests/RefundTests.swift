import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The treasurer pays a Mollie gift back, in full or in part, with a reason: Mollie refunds it,
/// the ledger gets a correcting entry, the donor a mail; bad input changes nothing.
final class RefundTests: XCTestCase {
    func testAFullRefundIsBookedMailedAndAudited() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 2500)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            let browser = try await treasurer(kit)
            let page = try await browser.get(FundPath.adminGift(.value(gift.id!)).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("mollie_payment:\(paymentID)"))

            // MUT
            let response = try await browser.post(
                FundPath.adminRefund(.value(gift.id!)).path, ["amount": "", "reason": "Dubbel gegeven", "seen": "0"])

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let refunded = try await kit.gift(gift.id!)
            XCTAssertEqual(refunded.giftStatus, .refunded)
            XCTAssertEqual(refunded.refundedCents, 2500)
            let atMollie = await kit.mollie.payment(paymentID)
            XCTAssertEqual(atMollie?.refundedCents, 2500)
            let refunds = try await kit.postings(kind: "refund")
            XCTAssertEqual(refunds, 1)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 0)
            let mails = try await kit.outbox(subject: "We betalen (een deel van) je gift terug")
            XCTAssertEqual(mails, 1)
            let audit = try await AuditEvent.query(on: kit.app.db).filter(\.$action == "fund.refund").count()
            XCTAssertEqual(audit, 1)
            let after = try await browser.get(FundPath.adminGift(.value(gift.id!)).path)
            XCTAssertTrue(after.body.string.contains("Dubbel gegeven"))
            try await kit.assertLedgerBalances()
        }
    }

    func testAPartialRefundThenTooMuchZeroAndNonsenseAreRefused() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 5000)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            let browser = try await treasurer(kit)
            let path = FundPath.adminRefund(.value(gift.id!)).path

            // MUT
            let partial = try await browser.post(path, ["amount": "10,00", "reason": "Deel terug", "seen": "0"])
            let tooMuch = try await browser.post(path, ["amount": "40,01", "reason": "Te veel", "seen": "1000"])
            let zero = try await browser.post(path, ["amount": "0", "reason": "Niets", "seen": "1000"])
            let nonsense = try await browser.post(path, ["amount": "tien", "reason": "Onzin", "seen": "1000"])
            let negative = try await browser.post(path, ["amount": "-5", "reason": "Min", "seen": "1000"])
            let noReason = try await browser.post(path, ["amount": "5", "reason": " ", "seen": "1000"])
            let doubleClick = try await browser.post(path, ["amount": "10,00", "reason": "Deel terug", "seen": "0"])

            // validation
            XCTAssertEqual(partial.status, .seeOther)
            for refused in [tooMuch, zero, nonsense, negative, noReason, doubleClick] {
                XCTAssertEqual(refused.status, .unprocessableEntity)
                XCTAssertTrue(refused.body.string.contains("Fout:"))
            }
            XCTAssertTrue(tooMuch.body.string.contains("€ 40,00"))
            let after = try await kit.gift(gift.id!)
            XCTAssertEqual(after.giftStatus, .paid)
            XCTAssertEqual(after.refundedCents, 1000)
            let atMollie = await kit.mollie.payment(paymentID)
            XCTAssertEqual(atMollie?.refundedCents, 1000)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 4000)
            try await kit.assertLedgerBalances()
        }
    }

    func testAnUnpaidOrNonMollieGiftCannotBeRefunded() async throws {
        try await MollieKit.with { kit in
            // setup
            let (open, _) = try await kit.askForGift()
            let cash = Gift(amountCents: 2000, method: .cash, source: .event, language: .nl, now: Date())
            cash.status = Gift.Status.paid.rawValue
            try await cash.create(on: kit.app.db)
            let browser = try await treasurer(kit)

            // MUT
            let unpaid = try await browser.post(FundPath.adminRefund(.value(open.id!)).path, ["reason": "x", "seen": "0"])
            let notMollie = try await browser.post(FundPath.adminRefund(.value(cash.id!)).path, ["reason": "x", "seen": "0"])

            // validation
            XCTAssertEqual(unpaid.status, .unprocessableEntity)
            XCTAssertTrue(unpaid.body.string.contains("Deze gift is niet betaald"))
            XCTAssertEqual(notMollie.status, .unprocessableEntity)
            XCTAssertTrue(notMollie.body.string.contains("Alleen een gift via Mollie"))
            let refunds = try await kit.postings(kind: "refund")
            XCTAssertEqual(refunds, 0)
        }
    }

    func testOnlyTheTreasurerSeesAndRefundsAGift() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, _) = try await kit.askForGift()
            _ = try await kit.app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(kit.app)
            try await browser.logIn("coordinator@example.nl")

            // MUT + validation
            let page = try await browser.get(FundPath.adminGift(.value(gift.id!)).path)
            XCTAssertEqual(page.status, .forbidden)
            let refund = try await browser.post(FundPath.adminRefund(.value(gift.id!)).path, ["reason": "x", "seen": "0"])
            XCTAssertEqual(refund.status, .forbidden)
        }
    }

    func testARefundWhileMollieIsDownRefundsNothing() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 2000)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            let browser = try await treasurer(kit)
            await kit.mollie.failNext(status: 500)

            // MUT
            let response = try await browser.post(FundPath.adminRefund(.value(gift.id!)).path, ["reason": "Dubbel", "seen": "0"])

            // validation
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("Mollie is nu niet bereikbaar"))
            let after = try await kit.gift(gift.id!)
            XCTAssertEqual(after.refundedCents, 0)
            let refunds = try await kit.postings(kind: "refund")
            XCTAssertEqual(refunds, 0)
            try await kit.assertLedgerBalances()
        }
    }

    private func treasurer(_ kit: MollieKit) async throws -> Browser {
        _ = try await kit.app.makeUser(name: "Bram", email: "penningmeester@example.nl", roles: [.treasurer])
        let browser = Browser(kit.app)
        try await browser.logIn("penningmeester@example.nl")
        return browser
    }
}
