import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// Review of issue #9: the privacy statement says what the fund keeps, how long, who processes
/// the payments, and whom a donor without an account asks for their data.
final class FundPrivacyTests: XCTestCase {
    func testThePrivacyStatementTellsDonorsWhatTheFundKeeps() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let english = Browser(app)
            english.headers.replaceOrAdd(name: .acceptLanguage, value: "en")

            // MUT
            let dutch = try await Browser(app).get("/privacy")
            let inEnglish = try await english.get("/privacy")

            // validation
            XCTAssertEqual(dutch.status, .ok)
            let nl = dutch.body.string
            XCTAssertTrue(nl.contains("Geven aan het Solidariteitsfonds"))
            XCTAssertTrue(nl.contains("7 jaar"), "the fiscal retention")
            XCTAssertTrue(nl.contains("Mollie verwerkt die betaling in onze opdracht"))
            XCTAssertTrue(nl.contains("de laatste 4 cijfers van het rekeningnummer"))
            XCTAssertTrue(nl.contains("90 dagen nadat je de gift begon"))
            XCTAssertTrue(nl.contains("Vraag de penningmeester"))
            XCTAssertTrue(nl.contains("href=\"mailto:\(app.config.contact.email)\""))
            XCTAssertTrue(inEnglish.body.string.contains("Giving to the Solidarity Fund"))
            XCTAssertTrue(inEnglish.body.string.contains("ask the treasurer"))
        }
    }

    func testWithoutTheFundThePrivacyStatementSaysNothingOfIt() async throws {
        try await withApp { app in
            // MUT
            let page = try await Browser(app).get("/privacy")

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains("Solidariteitsfonds</h2>"))
            XCTAssertFalse(page.body.string.contains("Vraag de penningmeester"))
        }
    }
}
