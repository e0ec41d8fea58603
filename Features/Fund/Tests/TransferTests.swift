import Fluent
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import Fund

/// Issue #9, item 2 (the donor's side of a bank transfer): the page with the IBAN, amount and
/// structured reference, the EPC QR code banking apps scan, and the thanks page's states.
final class TransferTests: XCTestCase {
    func testTheEPCPayloadFollowsTheGuidelines() {
        // setup
        let gift = Gift(amountCents: 1250, method: .transfer, source: .private, language: .nl, now: Date())
        gift.reference = "RF18539007547034"
        var settings = FundSettings.fromEnvironment()
        settings.iban = "NL91 ABNA 0417 1643 00"
        settings.accountName = "Stichting De Kracht van Mokum"
        settings.bic = nil

        // MUT
        let payload = TransferDetails(gift: gift, settings: settings).epcPayload

        // validation: EPC069-12 v002, UTF-8, no BIC, amount, no purpose, the creditor reference, no free text
        XCTAssertEqual(
            payload, "BCD\n002\n1\nSCT\n\nStichting De Kracht van Mokum\nNL91ABNA0417164300\nEUR12.50\n\nRF18539007547034\n")
        settings.bic = "ABNANL2A"
        gift.amountCents = 500_000
        XCTAssertEqual(
            TransferDetails(gift: gift, settings: settings).epcPayload,
            "BCD\n002\n1\nSCT\nABNANL2A\nStichting De Kracht van Mokum\nNL91ABNA0417164300\nEUR5000.00\n\nRF18539007547034\n")
    }

    func testTheTransferPageShowsIBANReferenceAndQRCode() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            let asked = try await browser.post("/fonds/doneren", giftForm(amount: "other", other: "12,50"))
            let gift = try await app.onlyGift()
            let reference = PaymentReference.formatted(try XCTUnwrap(gift.reference))

            // MUT
            let page = try await browser.get(try XCTUnwrap(asked.location))
            let qr = try await browser.get(try XCTUnwrap(asked.location) + "/qr.svg")

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("NL91 ABNA 0417 1643 00"), "the IBAN, grouped by four")
            XCTAssertTrue(html.contains("Stichting De Kracht van Mokum"))
            XCTAssertTrue(html.contains("€ 12,50"))
            XCTAssertTrue(html.contains(reference), "the reference, grouped")
            XCTAssertTrue(html.contains("Daaraan zien we dat de gift van jou is"))
            XCTAssertTrue(html.contains("<img src=\"\(asked.location!)/qr.svg\" alt=\"QR-code"), "the QR code with an alt text")
            XCTAssertEqual(page.headers.first(name: .cacheControl), "private, no-store")
            XCTAssertEqual(qr.status, .ok)
            XCTAssertEqual(qr.headers.contentType?.subType, "svg+xml")
            XCTAssertTrue(qr.body.string.contains("<svg"))
        }
    }

    func testThePagesFollowTheGiftFromOpenToPaid() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            let asked = try await browser.post("/fonds/doneren", giftForm())
            let secret = try XCTUnwrap(asked.giftSecret)
            let waiting = try await browser.get("/fonds/bedankt/\(secret)")
            let gift = try await app.onlyGift()

            // MUT
            try await app.payGift(gift)

            // validation
            XCTAssertTrue(waiting.body.string.contains("We wachten op de bevestiging van je bank"))
            XCTAssertTrue(waiting.body.string.contains("href=\"/fonds/bedankt/\(secret)\""), "a plain reload link")
            let thanks = try await browser.get("/fonds/bedankt/\(secret)")
            XCTAssertTrue(thanks.body.string.contains("Dank je wel voor je gift!"))
            XCTAssertTrue(thanks.body.string.contains("class=\"share\""), "the donor can pass the fund on")
            let transfer = try await browser.get("/fonds/overmaken/\(secret)")
            XCTAssertTrue(transfer.body.string.contains("Je gift is binnen"))
            let qr = try await browser.get("/fonds/overmaken/\(secret)/qr.svg")
            XCTAssertEqual(qr.status, .notFound, "no code to pay a paid gift twice")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAFailedPaymentOffersToTryAgainWithTheSameAmount() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.paymentProviders = [CheckoutProvider(), BankTransferProvider()]
            let campaign = try await app.makeFundCampaign()
            let asked = try await Browser(app).post(
                "/fonds/doneren", giftForm(amount: "other", other: "17", method: "mollie", campaign: campaign.slug))
            let gift = try await app.onlyGift()
            gift.status = Gift.Status.canceled.rawValue
            try await gift.save(on: app.db)
            let back = try XCTUnwrap(asked.returnPath)
            XCTAssertTrue(back.hasPrefix("/fonds/bedankt/"))

            // MUT: the donor comes back from the checkout, where they cancelled
            let page = try await Browser(app).get(back)

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Je betaling is niet gelukt"))
            XCTAssertTrue(
                page.body.string.contains("href=\"/fonds/doneren?campagne=benefietavond-juni&amp;bedrag=1700\"")
                    || page.body.string.contains("href=\"/fonds/doneren?campagne=benefietavond-juni&bedrag=1700\""),
                "a link back to the form with the amount and campaign")
            let again = try await Browser(app).get("/fonds/doneren?campagne=benefietavond-juni&bedrag=1700")
            XCTAssertTrue(again.body.string.contains("value=\"17,00\""), "the form has the amount again")
        }
    }
}
