import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A feature that asks people to do two things and tells what just happened, as the manifesto
/// and the fund do.
struct CallingFeature: Feature {
    let name = "calling"
    var recent: [HomeFeedItem] = [HomeFeedItem(title: "Fatima", detail: "Nieuw-West")]
    static let texts: [Language: [String: String]] = [
        .nl: [
            "calling.sign": "Teken", "calling.give": "Geef", "calling.recent": "Net gebeurd",
            "indicator.signs": "handtekeningen",
        ],
        .en: ["calling.sign": "Sign", "calling.give": "Give", "calling.recent": "Just happened", "indicator.signs": "signatures"],
    ]
    func routes(_ routes: any RoutesBuilder, app: Application) {}
    func indicators() -> [Indicator] { [Indicator(key: "signs", unit: "signatures", headlineOrder: 1) { _ in 4_321 }] }
    func callsToAction() -> [CallToAction] {
        [
            CallToAction(textKey: "calling.give", path: "/geven", order: 20),
            CallToAction(textKey: "calling.sign", path: "/tekenen#teken", order: 10, indicatorKey: "signs"),
        ]
    }
    func homeFeeds() -> [HomeFeed] {
        let recent = recent
        return [HomeFeed(headingKey: "calling.recent", order: 1) { _ in recent }]
    }
}

final class HomePageTests: XCTestCase {
    private func startCalling(_ app: Application, target: Int64 = 10_000) {
        app.catalogue = app.catalogue.adding(CallingFeature.texts)
        app.reference.targets["signs"] = target
    }

    func testHomeLeadsWithTheFeaturesCallsToActionTheFirstWithItsCountAndTarget() async throws {
        try await withApp(features: [CallingFeature()]) { app in
            // setup
            startCalling(app)

            // MUT
            let html = try await Browser(app).get(CorePath.home.path).body.string

            // validation: each a button, in their order, the count and target beside the first
            let sign = try XCTUnwrap(html.range(of: "<a class=\"button\" href=\"/tekenen#teken\">Teken</a>"))
            let count = try XCTUnwrap(html.range(of: "data-indicator=\"signs\">4.321"))
            let give = try XCTUnwrap(html.range(of: "<a class=\"button secondary\" href=\"/geven\">Geef</a>"))
            XCTAssertLessThan(sign.lowerBound, count.lowerBound)
            XCTAssertLessThan(count.lowerBound, give.lowerBound)
            XCTAssertTrue(html.contains("10.000"), "the target beside the button")
            XCTAssertEqual(html.components(separatedBy: "data-indicator=\"signs\"").count, 2, "the figure is not repeated below")
        }
    }

    func testWithoutFeaturesTheHomePageOffersNothingThatIsNotThereButStillLinksOn() async throws {
        try await withApp { app in
            // MUT
            let html = try await Browser(app).get(CorePath.home.path).body.string

            // validation: no buttons or figures for features that do not exist, but the main
            // content has a link, so a keyboard user tabs from the header into it
            XCTAssertFalse(html.contains("action-list"))
            XCTAssertFalse(html.contains("data-indicator"))
            let main = try XCTUnwrap(html.split(separator: "<main").last?.split(separator: "</main>").first)
            XCTAssertTrue(main.contains("href=\"\(CorePath.about.path)\""))
        }
    }

    func testTheHomePageShowsWhatJustHappenedAndNoEmptyList() async throws {
        try await withApp(features: [CallingFeature()]) { app in
            startCalling(app)
            let html = try await Browser(app).get(CorePath.home.path).body.string
            XCTAssertTrue(html.contains("Net gebeurd"))
            XCTAssertTrue(html.contains("<strong>Fatima</strong> · Nieuw-West"))
        }
        try await withApp(features: [CallingFeature(recent: [])]) { app in
            startCalling(app)
            let html = try await Browser(app).get(CorePath.home.path).body.string
            XCTAssertFalse(html.contains("Net gebeurd"), "a feed with nothing in it is left out")
        }
    }

    func testATargetSaysItsYearAndWhenThatYearHasPassed() async throws {
        try await withApp(features: [CallingFeature()]) { app in
            // setup
            startCalling(app)
            let thisYear = Calendar(identifier: .gregorian).component(.year, from: app.clock.now())

            // MUT: the plan's year still running
            app.reference.targetsYear = thisYear + 1
            let running = try await Browser(app).get(CorePath.home.path).body.string

            // validation
            XCTAssertTrue(running.contains("doel voor \(thisYear + 1): 10.000"), running)
            XCTAssertFalse(running.contains("afgelopen"))

            // MUT: the plan's year is over
            app.reference.targetsYear = thisYear - 1
            let over = try await Browser(app).get(CorePath.home.path).body.string
            let english = Browser(app)
            english.cookies["kracht_lang"] = "en"
            let overInEnglish = try await english.get(CorePath.home.path).body.string

            // validation
            XCTAssertTrue(over.contains("doel voor \(thisYear - 1) (afgelopen): 10.000"))
            XCTAssertTrue(overInEnglish.contains("\(thisYear - 1) target (year ended): 10,000"))
        }
    }

    func testTheRegisterPagePromisesNothingThatDoesNotExist() async throws {
        try await withApp { app in
            let html = try await Browser(app).get(CorePath.register.path).body.string
            XCTAssertFalse(html.contains("evenementen"))
            XCTAssertFalse(html.contains("acties"))
        }
    }
}
