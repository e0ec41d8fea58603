import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// Issue #9, item 1: giving through the form — once or monthly, as a person or an
/// organisation, for a campaign, signed in or not — and handing the donor on to pay.
final class GivingTests: XCTestCase {
    func testGivingOnceByTransferLeadsToTheTransferPageAndMailsTheInstructions() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            let form = try await browser.get("/fonds/doneren")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("name=\"form_id\""))

            // MUT
            let response = try await browser.post("/fonds/doneren", giftForm(amount: "2500"))

            // validation
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertTrue(response.location?.hasPrefix("/fonds/overmaken/") == true, "\(String(describing: response.location))")
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.amountCents, 2500)
            XCTAssertEqual(gift.giftStatus, .open)
            XCTAssertEqual(gift.method, "transfer")
            XCTAssertEqual(gift.giftSource, .private)
            XCTAssertEqual(gift.donorEmail, "fatima@example.nl")
            XCTAssertNotNil(PaymentReference.normalized(try XCTUnwrap(gift.reference)))
            XCTAssertEqual(gift.tokenHash, SecureToken.hash(try XCTUnwrap(response.giftSecret)))
            let mails = try await OutboxMessage.query(on: app.db).all()
            XCTAssertEqual(mails.map(\.recipient), ["fatima@example.nl"])
            XCTAssertEqual(mails.first?.view, "fund/mail/transfer")
            let rendered = MailSink.parse(try await app.mailer.render(try XCTUnwrap(mails.first)))
            XCTAssertTrue(rendered.text.contains(PaymentReference.formatted(gift.reference!)), "the mail gives the reference")
            XCTAssertTrue(
                rendered.text.contains("Rekeningnummer (IBAN): NL91 ABNA 0417 1643 00"), "the mail gives the IBAN: \(rendered.text)")
            XCTAssertTrue(rendered.html.contains("/fonds/overmaken/" + response.giftSecret!), "the mail links to the gift's page")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testGivingMonthlyByTransferAsksForAStandingOrder() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT
            let response = try await Browser(app).post("/fonds/doneren", giftForm(amount: "1000", frequency: "monthly"))

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.frequency, "monthly")
            XCTAssertNil(gift.recurringID, "a standing order is the donor's, at their bank: nothing of ours to stop")
            let recurring = try await RecurringGift.query(on: app.db).count()
            XCTAssertEqual(recurring, 0)
            let page = try await Browser(app).get(try XCTUnwrap(response.location))
            XCTAssertTrue(page.body.string.contains("periodieke overboeking"), "a monthly gift by transfer is a standing order")
        }
    }

    func testGivingOnlineSendsTheDonorToTheCheckoutAndKeepsThePaymentAndCustomer() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.paymentProviders = [CheckoutProvider(), BankTransferProvider()]
            let form = try await Browser(app).get("/fonds/doneren")
            XCTAssertTrue(form.body.string.contains("value=\"mollie\""), "online payment is offered when a provider is there")

            // MUT
            let response = try await Browser(app).post("/fonds/doneren", giftForm(amount: "5000", frequency: "monthly", method: "mollie"))

            // validation
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertTrue(response.location?.hasPrefix("https://checkout.test/pay/") == true)
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.providerPaymentID?.hasPrefix("tr_test"), true)
            XCTAssertNil(gift.reference, "no transfer reference for an online gift")
            let recurring = try await app.recurring(of: gift)
            XCTAssertEqual(recurring.customerID, "cst_test1")
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0, "the confirmation comes when it is paid")
        }
    }

    func testWhenPayingOnlineIsDownTheDonorIsToldAndNothingIsCharged() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            app.paymentProviders = [DownProvider(), BankTransferProvider()]

            // MUT
            let response = try await Browser(app).post("/fonds/doneren", giftForm(method: "mollie"))

            // validation
            XCTAssertEqual(response.status, .serviceUnavailable)
            XCTAssertTrue(response.body.string.contains("Online betalen werkt nu even niet"))
            XCTAssertTrue(response.body.string.contains("value=\"Fatima El Amrani\""), "the form keeps what was typed")
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.giftStatus, .canceled)
        }
    }

    func testAnOrganisationGivesUnderItsOwnName() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT
            let response = try await Browser(app).post(
                "/fonds/doneren", giftForm(wall: "name", giver: "organisation", organisation: "Buurthuis De Pijp"))

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.giftSource, .organisation)
            XCTAssertEqual(gift.organisation, "Buurthuis De Pijp")
            XCTAssertEqual(gift.wallName, "Buurthuis De Pijp")
        }
    }

    func testASignedInDonorIsPrefilledAndTheGiftIsTheirs() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let user = try await app.makeUser(name: "Daan de Vries", email: "daan@example.nl")
            let browser = Browser(app)
            try await browser.logIn("daan@example.nl")

            // MUT
            let form = try await browser.get("/fonds/doneren")
            let response = try await browser.post("/fonds/doneren", giftForm(name: "Daan de Vries", email: "daan@example.nl"))

            // validation
            XCTAssertTrue(form.body.string.contains("value=\"Daan de Vries\""))
            XCTAssertTrue(form.body.string.contains("value=\"daan@example.nl\""))
            XCTAssertEqual(response.status, .seeOther)
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.userID, user.id)
        }
    }

    func testTheSameFormSentTwiceMakesOneGift() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            let form = giftForm()

            // MUT
            let first = try await browser.post("/fonds/doneren", form)
            let second = try await browser.post("/fonds/doneren", form)

            // validation
            XCTAssertEqual(second.status, .seeOther)
            XCTAssertEqual(second.location, first.location, "the second post shows the first gift")
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 1)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 1)
        }
    }

    func testTheGivingPagesSpeakEnglish() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            let campaign = try await app.makeFundCampaign()
            try await app.paidGift(name: "Noa Cohen", wall: .anonymous, campaign: campaign)

            // MUT
            let home = try await browser.get("/fonds")
            let form = try await browser.get("/fonds/doneren")
            let asked = try await browser.post("/fonds/doneren", giftForm(other: "12.50"))
            let transfer = try await browser.get(try XCTUnwrap(asked.location))
            let wall = try await browser.get("/fonds/muur")
            let campaigns = try await browser.get("/fonds/campagnes")
            let campaignPage = try await browser.get("/fonds/campagnes/benefietavond-juni")

            // validation
            for page in [home, form, transfer, wall, campaigns, campaignPage] {
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.string.contains("<html lang=\"en\""))
            }
            XCTAssertTrue(home.body.string.contains("The Solidarity Fund"))
            XCTAssertTrue(form.body.string.contains("How often do you want to give?"))
            XCTAssertTrue(transfer.body.string.contains("€12.50"))
            XCTAssertTrue(transfer.body.string.contains("It tells us the gift is yours"))
            XCTAssertTrue(wall.body.string.contains("Anonymous donor"))
            XCTAssertTrue(campaignPage.body.string.contains("Give to this campaign"))
            let found = try await OutboxMessage.query(on: app.db).filter(\.$view == "fund/mail/transfer").first()
            let mail = try XCTUnwrap(found)
            XCTAssertEqual(mail.language, "en")
            XCTAssertEqual(mail.subject, "How to transfer your gift to the Solidarity Fund")
        }
    }
}
