import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A feature whose call to action is money (as the Solidarity Fund's "give" will be): its
/// figure is an amount in euro cents.
private struct GivingFeature: Feature {
    let name = "giving"
    static let texts: [Language: [String: String]] = [
        .nl: ["giving.give": "Geef", "indicator.given": "gegeven"],
        .en: ["giving.give": "Give", "indicator.given": "given"],
    ]
    func routes(_ routes: any RoutesBuilder, app: Application) {}
    func indicators() -> [Indicator] { [Indicator(key: "given", unit: "euro cents", headlineOrder: 1) { _ in 1_234_550 }] }
    func callsToAction() -> [CallToAction] { [CallToAction(textKey: "giving.give", path: "/geven", order: 10, indicatorKey: "given")] }
}

final class HomeMoneyCallToActionTests: XCTestCase {
    func testAMoneyFigureBesideItsButtonIsShownInEurosWithItsTarget() async throws {
        try await withApp(features: [GivingFeature()]) { app in
            // setup: € 12.345,50 given of a € 50.000 target
            app.catalogue = app.catalogue.adding(GivingFeature.texts)
            app.reference.targets["given"] = 5_000_000

            // MUT
            let html = try await Browser(app).get(CorePath.home.path).body.string
            let english = Browser(app)
            english.cookies["kracht_lang"] = "en"
            let inEnglish = try await english.get(CorePath.home.path).body.string

            // validation: euros, not a count of cents
            XCTAssertTrue(html.contains("data-indicator=\"given\">€ 12.345,50</span>"), html)
            XCTAssertTrue(html.contains(": € 50.000,00</span>"), "the target in euros too")
            XCTAssertFalse(html.contains("1.234.550") || html.contains("5.000.000"))
            XCTAssertTrue(inEnglish.contains("data-indicator=\"given\">€12,345.50</span>"))
            XCTAssertTrue(inEnglish.contains(": €50,000.00</span>"))
        }
    }
}
