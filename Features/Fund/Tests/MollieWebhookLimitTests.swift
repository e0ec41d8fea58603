import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Every unknown id makes us ask Mollie: a flood of them from one address gets 429 (Mollie
/// retries), while ids we know always pass; Mollie's own 429 is "later", not "no".
final class MollieWebhookLimitTests: XCTestCase {
    func testAFloodOfUnknownIdsIsLimitedButKnownIdsPass() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift(cents: 1500)
            try await kit.mollie.setStatus(paymentID, "paid")

            // The limiter counts per minute: start at the beginning of one, so the flood cannot straddle two.
            let now = kit.app.clock.now().timeIntervalSince1970
            kit.app.clock.advance(by: 61 - now.truncatingRemainder(dividingBy: 60))

            // MUT
            var statuses: [HTTPStatus] = []
            for n in 0..<61 { statuses.append(try await kit.webhook("tr_unknown\(n)")) }
            let known = try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(statuses.prefix(60).filter { $0 == .ok }.count, 60)
            XCTAssertEqual(statuses.last, .tooManyRequests)
            XCTAssertEqual(known, .ok)
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
            try await kit.assertLedgerBalances()
        }
    }

    func testMollieAnswering429MakesTheWebhookAnswer503() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, paymentID) = try await kit.askForGift()
            try await kit.mollie.setStatus(paymentID, "paid")
            await kit.mollie.failNext(status: 429)

            // MUT
            let busy = try await kit.webhook(paymentID)
            let later = try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(busy, .serviceUnavailable)
            XCTAssertEqual(later, .ok)
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
            try await kit.assertLedgerBalances()
        }
    }
}
