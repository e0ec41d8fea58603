import Fluent
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import Fund

/// Issue #9, "bad input": every wrong amount or field gives the form back with a clear,
/// translated message, and nothing is saved or mailed.
final class GivingBadInputTests: XCTestCase {
    func testEveryBadAmountIsRefusedWithItsMessage() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let cases: [(typed: String, says: String)] = [
                ("0", "meer dan nul"), ("-5", "meer dan nul"), ("0,00", "meer dan nul"), ("twintig", "zoals 25 of 12,50"),
                ("12,345", "hoogstens twee cijfers"), ("12,5,0", "zoals 25 of 12,50"), ("1e3", "zoals 25 of 12,50"),
                ("0,50", "De kleinste gift"), ("10.000,01", "neem contact op met onze penningmeester"),
                ("9999999", "neem contact op met onze penningmeester"), ("99999999", "zoals 25 of 12,50"),
            ]
            let browser = Browser(app)
            for (typed, says) in cases {
                // MUT
                let response = try await browser.post("/fonds/doneren", giftForm(amount: "other", other: typed))

                // validation
                XCTAssertEqual(response.status, .badRequest, typed)
                response.assertFormErrors(title: "Geef aan het Solidariteitsfonds", links: [("give-other", says)])
                XCTAssertTrue(response.body.string.contains("value=\"\(typed)\""), "the form keeps \(typed)")
            }
            let none = try await browser.post("/fonds/doneren", giftForm(amount: "other", other: ""))
            none.assertFormErrors(title: "Geef aan het Solidariteitsfonds", links: [("give-other", "Kies een bedrag")])
            let unknown = try await browser.post("/fonds/doneren", giftForm(amount: "777"))
            unknown.assertFormErrors(title: "Geef aan het Solidariteitsfonds", links: [("give-other", "Kies een bedrag")])
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 0)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0)
        }
    }

    /// Arabic-Indic digits, as an Arabic phone keyboard types them, are digits too.
    func testAmountsAreReadAsPeopleTypeThem() {
        // validation
        let read: [(String, Int64?)] = [
            ("25", 2500), ("12,50", 1250), ("12.50", 1250), ("12,5", 1250), ("€ 1.000", 100_000), ("1.000,50", 100_050),
            (" 7 ", 700), ("12,345", nil), ("1,000.50", nil), ("abc", nil), ("", nil), ("1..0", nil), ("١٢", 1200),
        ]
        for (typed, cents) in read { XCTAssertEqual(GiftForm.parseAmount(typed), cents, typed) }
    }

    func testEveryBadFieldIsRefusedWithItsMessage() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            let cases: [(form: [String: String], field: String, says: String)] = [
                (giftForm(name: ""), "give-name", "Vul dit veld in"),
                (giftForm(email: ""), "give-email", "Vul dit veld in"),
                (giftForm(email: "geen-adres"), "give-email", "geen geldig e-mailadres"),
                (giftForm(name: "Fatima\u{0007}"), "give-name", "tekens"),
                (giftForm(message: String(repeating: "a", count: 281)), "give-message", "280"),
                (giftForm(message: "Hoi\u{202E}daar"), "give-message", "tekens"),
                (giftForm(message: "regel\nregel"), "give-message", "tekens"),
                (giftForm(giver: "organisation", organisation: ""), "give-organisation", "Vul dit veld in"),
                (giftForm(wall: "everyone"), "give-wall-name", "muur"),
                (giftForm(method: "bitcoin"), "give-method-transfer", "betalen"),
                (giftForm(method: "mollie"), "give-method-transfer", "betalen"),
                (giftForm(frequency: "weekly"), "give-once", "elke maand"),
            ]
            for (form, field, says) in cases {
                // MUT
                let response = try await browser.post("/fonds/doneren", form)

                // validation
                XCTAssertEqual(response.status, .badRequest, "\(field): \(form)")
                response.assertFormErrors(title: "Geef aan het Solidariteitsfonds", links: [(field, says)])
            }
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 0)
        }
    }

    func testAFormPostedFromAnotherSiteIsRefused() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            try await browser.get("/fonds/doneren")
            browser.headers = ["Sec-Fetch-Site": "cross-site"]

            // MUT
            let response = try await browser.post("/fonds/doneren", giftForm())

            // validation
            XCTAssertEqual(response.status, .forbidden)
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 0)
        }
    }

    func testTooManyGiftsFromOneAddressAreStopped() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            for _ in 0..<20 {
                let asked = try await browser.post("/fonds/doneren", giftForm())
                XCTAssertEqual(asked.status, .seeOther)
            }

            // MUT
            let response = try await browser.post("/fonds/doneren", giftForm())

            // validation
            XCTAssertEqual(response.status, .tooManyRequests)
            XCTAssertTrue(response.body.string.contains("Probeer het over een uur opnieuw"))
            let gifts = try await Gift.query(on: app.db).count()
            XCTAssertEqual(gifts, 20)
        }
    }

    func testAGiftPageWithAWrongSecretIsNotFound() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT
            let transfer = try await Browser(app).get("/fonds/overmaken/" + SecureToken.make())
            let thanks = try await Browser(app).get("/fonds/bedankt/x")

            // validation
            XCTAssertEqual(transfer.status, .notFound)
            XCTAssertEqual(thanks.status, .notFound)
        }
    }
}
