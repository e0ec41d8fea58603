import FakeMollie
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// What the client makes of Mollie's refusals: each a typed error, and a donor who is offered
/// another way to pay rather than an error page.
final class MollieClientTests: XCTestCase {
    func testMollieRefusalsBecomeTypedErrors() async throws {
        try await MollieKit.with { kit in
            let client = MollieClient(app: kit.app)

            // MUT + validation: unknown id
            do {
                _ = try await client.payment("tr_nothing")
                XCTFail("found a payment that does not exist")
            } catch let error as MollieError {
                guard case .notFound = error else { return XCTFail("\(error)") }
            }
            // a refused field
            do {
                _ = try await client.createRefund(paymentID: "tr_nothing", cents: 0, description: "x", idempotencyKey: "k")
                XCTFail("refunded nothing")
            } catch let error as MollieError {
                XCTAssertEqual(error, .refused(field: "amount", detail: "The amount is invalid or missing"))
                XCTAssertFalse(error.isTemporary)
            }
            // a server error
            await kit.mollie.failNext(status: 500)
            do {
                _ = try await client.payment("tr_nothing")
                XCTFail("no error")
            } catch let error as MollieError {
                guard case .server(500, _) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(error.isTemporary)
            }
            // a wrong key
            kit.app.fundSettings.mollieAPIKey = "test_wrong"
            do {
                _ = try await client.payment("tr_nothing")
                XCTFail("no error")
            } catch let error as MollieError {
                XCTAssertEqual(error, .unauthorized(detail: "Missing authentication, or failed to authenticate"))
            }
        }
    }

    func testAGiftWhenMollieIsDownIsOfferedAnotherWay() async throws {
        try await MollieKit.with { kit in
            // setup
            await kit.mollie.failNext(status: 503)
            let gift = Gift(amountCents: 1000, method: .mollie, source: .private, language: .nl, now: Date())
            try await gift.create(on: kit.app.db)
            let order = PaymentOrder(
                giftID: gift.id!, amountCents: 1000, monthly: false, description: "Gift", donorName: nil, donorEmail: nil, language: .nl,
                returnURL: "http://kracht.test/fonds/bedankt/x")

            // MUT
            let start = try await MolliePaymentProvider().start(order, gift: gift, app: kit.app)

            // validation
            guard case .unavailable = start else { return XCTFail("\(start)") }
            let payments = await kit.mollie.paymentCount
            XCTAssertEqual(payments, 0)
        }
    }

    func testAmountsAreCentsBothWays() {
        XCTAssertEqual(MollieClient.Amount(cents: 1005).value, "10.05")
        XCTAssertEqual(MollieClient.Amount(cents: 1).value, "0.01")
        XCTAssertEqual(MollieClient.Amount(currency: "EUR", value: "12.30").cents, 1230)
        XCTAssertEqual(MollieClient.Amount(currency: "EUR", value: "7").cents, 700)
        XCTAssertNil(MollieClient.Amount(currency: "USD", value: "12.30").cents)
        XCTAssertNil(MollieClient.Amount(currency: "EUR", value: "1.234").cents)
    }
}
