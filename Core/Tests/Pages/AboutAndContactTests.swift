import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A feature where people in acute need ask for help, as the Solidarity Fund will be.
struct HelpingFeature: HelpFeature {
    let name = "helping"
    var helpPath: String { "/fonds/hulp-vragen" }
    func routes(_ routes: any RoutesBuilder, app: Application) {}
}

final class AboutAndContactTests: XCTestCase {
    func testTheAboutPageTellsWhoIsBehindTheMovementInBothLanguages() async throws {
        try await withApp { app in
            // MUT
            let dutch = try await Browser(app).get(CorePath.about.path)
            let visitor = Browser(app)
            visitor.cookies["kracht_lang"] = "en"
            let english = try await visitor.get(CorePath.about.path)

            // validation
            XCTAssertEqual(dutch.status, .ok)
            XCTAssertTrue(dutch.body.string.contains("<title>Over ons"))
            XCTAssertTrue(dutch.body.string.contains("Wijkcentrum de Pijp"))
            XCTAssertTrue(dutch.body.string.contains("mailto:info@krachtvanmokum.nl"))
            XCTAssertTrue(english.body.string.contains("<title>About us"))
            XCTAssertTrue(dutch.body.string.contains("href=\"\(CorePath.about.path)\""), "linked from the footer")
        }
    }

    func testWithoutAFundOrANumberTheAcuteHelpLineSaysHowToReachUsByMail() async throws {
        try await withApp { app in
            // MUT
            let html = try await Browser(app).get(CorePath.contact.path).body.string

            // validation: no dead end, and no number or address nobody set
            XCTAssertTrue(html.contains("href=\"mailto:info@krachtvanmokum.nl?subject=Acute%20hulp\""), html)
            XCTAssertTrue(html.contains("112"))
            XCTAssertFalse(html.contains("tel:"))
            XCTAssertFalse(html.contains("Adres:"))
        }
    }

    func testTheContactPageGivesTheConfiguredNumberAndAddress() async throws {
        try await withApp { app in
            // setup
            app.config.contact =
                AppConfig.fromEnvironment {
                    [
                        "KRACHT_CONTACT_PHONE": "020 123 45 67", "KRACHT_CONTACT_ADDRESS": "Ferdinand Bolstraat 1, Amsterdam",
                        "KRACHT_CONTACT_EMAIL": "hulp@example.nl",
                    ][$0]
                }.contact

            // MUT
            let html = try await Browser(app).get(CorePath.contact.path).body.string

            // validation
            XCTAssertTrue(html.contains("<a href=\"tel:0201234567\">020 123 45 67</a>"))
            XCTAssertTrue(html.contains("Ferdinand Bolstraat 1, Amsterdam"))
            XCTAssertTrue(html.contains("mailto:hulp@example.nl"))
        }
    }

    func testWithAFundTheAcuteHelpLineLinksToIt() async throws {
        try await withApp(features: [HelpingFeature()]) { app in
            let html = try await Browser(app).get(CorePath.contact.path).body.string
            XCTAssertTrue(html.contains("href=\"/fonds/hulp-vragen\""))
            XCTAssertFalse(html.contains("in opbouw"))
        }
    }
}
