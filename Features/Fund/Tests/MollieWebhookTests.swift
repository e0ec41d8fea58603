import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Mollie's webhook is only a hint: the payment is fetched from (a local) Mollie and applied
/// once, however often, concurrently or late the hint comes.
final class MollieWebhookTests: XCTestCase {
    let paidSubject = "Dank je wel voor je gift aan het Solidariteitsfonds"

    func testAOneOffGiftPaidIsPostedOnceWithTheDonorCountedAndMailed() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 2500)
            let checkout = await kit.mollie.payment(paymentID)
            XCTAssertEqual(checkout?.sequenceType, "oneoff")
            XCTAssertEqual(checkout?.webhookUrl, "http://kracht.test/fonds/mollie/webhook")
            XCTAssertEqual(checkout?.metadata?["gift"], gift.id?.uuidString)

            // MUT
            try await kit.mollie.setStatus(paymentID, "paid")
            let status = try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(status, .ok)
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
            XCTAssertEqual(paid.ledgerCause, "mollie_payment:\(paymentID)")
            let postings = try await kit.postings()
            XCTAssertEqual(postings, 1)
            let balances = try await Ledger.balances(on: kit.app.db)
            // Mollie invoices its fees separately: the whole amount is on our Mollie balance.
            XCTAssertEqual(balances[.mollie], 2500)
            XCTAssertEqual(balances[.mollieFees] ?? 0, 0)
            XCTAssertEqual(balances[.donations(.private)], -2500)
            let donors = try await FundTotals.value(.donors, on: kit.app.db)
            XCTAssertEqual(donors, 1)
            let mails = try await kit.outbox(subject: self.paidSubject)
            XCTAssertEqual(mails, 1)
            try await kit.assertLedgerBalances()
        }
    }

    func testTheSameWebhookTenTimesAndTwentyAtOnceIsPostedOnce() async throws {
        try await MollieKit.with { kit in
            // setup
            let (_, paymentID) = try await kit.askForGift(cents: 1000)
            try await kit.mollie.setStatus(paymentID, "paid")

            // MUT
            for _ in 0..<10 { try await kit.webhook(paymentID) }
            let (_, second) = try await kit.askForGift(cents: 4000, email: "tweede@example.nl")
            try await kit.mollie.setStatus(second, "paid")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 { group.addTask { try await kit.webhook(second) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // validation
            XCTAssertEqual(Set(statuses), [.ok])
            let postings = try await kit.postings()
            XCTAssertEqual(postings, 2)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 5000)
            let mails = try await kit.outbox(subject: self.paidSubject)
            XCTAssertEqual(mails, 2)
            try await kit.assertLedgerBalances()
        }
    }

    func testFailedExpiredAndCanceledPaymentsPostNothing() async throws {
        try await MollieKit.with { kit in
            for status in ["failed", "expired", "canceled"] {
                // setup
                let (gift, paymentID) = try await kit.askForGift(cents: 1500)

                // MUT
                try await kit.mollie.setStatus(paymentID, status)
                try await kit.webhook(paymentID)
                try await kit.webhook(paymentID)

                // validation
                let closed = try await kit.gift(gift.id!)
                XCTAssertEqual(closed.status, status)
            }
            let postings = try await kit.postings()
            XCTAssertEqual(postings, 0)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 0)
            try await kit.assertLedgerBalances()
        }
    }

    func testAnOpenPaymentChangesNothingUntilItIsPaid() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift()

            // MUT: a hint too early
            try await kit.webhook(paymentID)

            // validation
            let open = try await kit.gift(gift.id!)
            XCTAssertEqual(open.giftStatus, .open)
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
        }
    }

    func testAnUnknownOrMalformedIdChangesNothingAndAnswers200() async throws {
        try await MollieKit.with { kit in
            // setup
            _ = try await kit.askForGift()

            // MUT + validation
            for id in ["tr_doesNotExist", "tr_../../customers", "", "re_abc", String(repeating: "x", count: 300)] {
                let status = try await kit.webhook(id)
                XCTAssertEqual(status, .ok, id)
            }
            let postings = try await kit.postings()
            XCTAssertEqual(postings, 0)
        }
    }

    func testAWebhookThatBeatsTheSaveOfThePaymentIdFindsTheGiftByItsMetadata() async throws {
        try await MollieKit.with { kit in
            // setup: the form has not saved Mollie's id yet
            let (gift, paymentID) = try await kit.askForGift(cents: 3000)
            gift.providerPaymentID = nil
            try await gift.save(on: kit.app.db)
            try await kit.mollie.setStatus(paymentID, "paid")

            // MUT
            try await kit.webhook(paymentID)

            // validation
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
            XCTAssertEqual(paid.providerPaymentID, paymentID)
            try await kit.assertLedgerBalances()
        }
    }

    func testMollieDownAnswers503SoThatMollieTriesAgain() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift()
            try await kit.mollie.setStatus(paymentID, "paid")
            await kit.mollie.failNext(status: 500)

            // MUT
            let first = try await kit.webhook(paymentID)
            let retry = try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(first, .serviceUnavailable)
            XCTAssertEqual(retry, .ok)
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
            try await kit.assertLedgerBalances()
        }
    }
}
