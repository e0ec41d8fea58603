import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A stand-in for Mollie that takes its time to make the checkout, as the real one does over
/// the network: a double tap's second post arrives while the first is still waiting for it.
struct SlowCheckoutProvider: PaymentProvider {
    var method: Gift.Method { .mollie }
    var supportsMonthly: Bool { true }

    func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart {
        try await Task.sleep(for: .milliseconds(600))
        return try await CheckoutProvider().start(order, gift: gift, app: app)
    }
}

/// Review of issue #9: a double tap on "give" must not lose the checkout. The browser shows the
/// answer to the last post, so every post of the same form leads to the one checkout.
final class DoubleTapTests: XCTestCase {
    func testTheSecondPostOfAnOnlineGiftGoesToTheSameCheckout() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.paymentProviders = [CheckoutProvider(), BankTransferProvider()]
            let browser = Browser(app)
            let form = giftForm(method: "mollie")

            // MUT
            let first = try await browser.post("/fonds/doneren", form)
            let second = try await browser.post("/fonds/doneren", form)

            // validation
            XCTAssertTrue(first.location?.hasPrefix("https://checkout.test/pay/") == true)
            XCTAssertEqual(second.status, .seeOther)
            XCTAssertEqual(second.location, first.location, "the second post leads to the checkout too")
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.checkoutURL, first.location)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testATapWhileTheFirstPostStillWaitsForMollieGetsTheCheckout() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.paymentProviders = [SlowCheckoutProvider(), BankTransferProvider()]
            let browser = Browser(app)
            try await browser.get("/fonds/doneren")
            var fields = giftForm(method: "mollie")
            fields["_csrf"] = browser.csrfToken
            let body = fields.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .accept, value: "text/html")
            let sent = headers

            // MUT
            async let first = app.sendRequest(.POST, "/fonds/doneren", headers: sent, body: ByteBuffer(string: body))
            try await Task.sleep(for: .milliseconds(150))
            let second = try await app.sendRequest(.POST, "/fonds/doneren", headers: sent, body: ByteBuffer(string: body))
            let firstResponse = try await first

            // validation
            XCTAssertEqual(second.status, .seeOther)
            XCTAssertTrue(firstResponse.location?.hasPrefix("https://checkout.test/pay/") == true)
            XCTAssertEqual(second.location, firstResponse.location, "the tap the browser shows leads to the checkout")
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 1)
        }
    }

    func testTheWaitingPageOffersTheCheckoutUntilTheGiftIsPaid() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.paymentProviders = [CheckoutProvider(), BankTransferProvider()]
            let browser = Browser(app)
            let form = giftForm(method: "mollie")
            let asked = try await browser.post("/fonds/doneren", form)
            let thanksPath = try XCTUnwrap(asked.returnPath)

            // MUT
            let waiting = try await browser.get(thanksPath)
            try await Self.payOnline(app, try await app.onlyGift())
            let paid = try await browser.get(thanksPath)
            let again = try await browser.post("/fonds/doneren", form)

            // validation
            XCTAssertTrue(waiting.body.string.contains("Ga naar de betaalpagina"))
            XCTAssertTrue(waiting.body.string.contains("href=\"https://checkout.test/pay/"))
            XCTAssertFalse(paid.body.string.contains("Ga naar de betaalpagina"), "a paid gift has nothing left to pay")
            XCTAssertEqual(again.location, thanksPath, "a post after paying shows the thanks, not the checkout")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    /// Marks the gift paid as Mollie's webhook would, under its payment id.
    private static func payOnline(_ app: Application, _ gift: Gift) async throws {
        let paymentID = try XCTUnwrap(gift.providerPaymentID)
        try await app.db.writeTransaction { db in
            guard let locked = try await Gift.locked("provider_payment_id", paymentID, on: db) else { return XCTFail("no gift") }
            _ = try await PayGift(app: app).run(
                locked, receipt: .init(account: .mollie, cause: .init("mollie_payment", paymentID), paidAt: app.clock.now()), on: db)
        }
        FundTotals.changed(app)
    }
}
