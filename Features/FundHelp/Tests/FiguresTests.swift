import Fluent
import Foundation
import Fund
import FundHelp
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// The fund's help in public figures: counts and amounts per kind of support and how long
/// decisions take, on the transparency page, in the API and as indicators — never a number that
/// could point at fewer than five people, and erased cases still counted.
final class FiguresTests: XCTestCase {
    /// Six food grants (one erased since), five medical declines, five livelihood referrals and
    /// two shelter requests still waiting: shelter is the only category too small to show.
    private func fileCases(_ app: Application) async throws {
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        for day in 1...6 {
            try await FigureCases.add(
                app, .food, .paid, asked: 10_000, granted: 8_000, paid: 8_000, created: start, decidedAfterDays: Double(day),
                paidAfterDays: Double(day) + 1, erased: day == 6)
        }
        for _ in 1...5 { try await FigureCases.add(app, .medical, .declined, asked: 30_000, created: start, decidedAfterDays: 10) }
        for _ in 1...5 { try await FigureCases.add(app, .livelihood, .referred, asked: 50_000, created: start, decidedAfterDays: 10) }
        for _ in 1...2 { try await FigureCases.add(app, .shelter, .received, asked: 70_000, created: start) }
    }

    func testSmallGroupsAreNeverShownAndTheTotalDoesNotGiveThemAway() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            try await fileCases(app)

            // MUT
            let response = try await Browser(app).get("/api/v1/fund/support")

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            let categories = Dictionary(
                uniqueKeysWithValues: (body["categories"] as! [[String: Any]]).map {
                    ($0["category"] as! String, $0["figures"] as! [String: Any])
                })
            let food = categories["food"]!, shelter = categories["shelter"]!, total = body["total"] as! [String: Any]
            XCTAssertEqual(food["applications"] as? Int, 6, "the erased case still counts")
            XCTAssertEqual(food["granted"] as? Int, 6)
            XCTAssertEqual(food["grantedCents"] as? Int, 48_000)
            XCTAssertEqual(food["paidCents"] as? Int, 48_000)
            XCTAssertTrue(food["declined"] is NSNull, "0 declines: fewer than 5")
            XCTAssertTrue(shelter["applications"] is NSNull, "2 requests: fewer than 5")
            XCTAssertTrue(shelter["askedCents"] is NSNull, "the amount of a small group goes with it")
            XCTAssertEqual(categories["medical"]!["declined"] as? Int, 5)
            XCTAssertTrue(total["applications"] is NSNull, "18 minus the three shown categories would give shelter's 2")
            XCTAssertTrue(total["askedCents"] is NSNull)
            XCTAssertEqual(total["granted"] as? Int, 6, "three categories hide their grants: the total tells none of them")
            XCTAssertEqual(body["medianDaysToDecision"] as? Double, 10, "six food cases in 1…6 days, ten others in 10")
            XCTAssertEqual(body["medianDaysToPayout"] as? Double, 4.5)
            XCTAssertEqual(body["smallCountThreshold"] as? Int, 5)
        }
    }

    func testSeveralSmallGroupsTogetherStayHiddenInTheTotalAndTheIndicators() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: livelihood (2 grants, 1 waiting) and shelter (1 waiting) are both too small;
            // between them they hold 4 applications and 2 grants.
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            for _ in 1...6 {
                try await FigureCases.add(
                    app, .food, .paid, asked: 10_000, granted: 8_000, paid: 8_000, created: start, decidedAfterDays: 2, paidAfterDays: 3)
            }
            for _ in 1...5 { try await FigureCases.add(app, .medical, .declined, asked: 30_000, created: start, decidedAfterDays: 10) }
            for _ in 1...2 {
                try await FigureCases.add(app, .livelihood, .granted, asked: 20_000, granted: 15_000, created: start, decidedAfterDays: 4)
            }
            try await FigureCases.add(app, .livelihood, .received, asked: 20_000, created: start)
            try await FigureCases.add(app, .shelter, .received, asked: 70_000, created: start)
            let browser = Browser(app)

            // MUT
            let response = try await browser.get("/api/v1/fund/support")
            let indicators = try await browser.get("/api/v1/indicators")

            // validation
            let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            let total = body["total"] as! [String: Any]
            XCTAssertTrue(total["applications"] is NSNull, "15 minus the shown 6 and 5 would give the small groups' 4")
            XCTAssertTrue(total["askedCents"] is NSNull, "and their amount")
            XCTAssertTrue(total["granted"] is NSNull, "8 minus food's 6 would give livelihood's 2 grants")
            XCTAssertTrue(total["grantedCents"] is NSNull)
            XCTAssertEqual(total["declined"] as? Int, 5, "the small groups have no declines: nothing to give away")
            XCTAssertEqual(total["paidCents"] as? Int, 48_000, "only food was paid, and food is shown")
            let values = try JSONSerialization.jsonObject(with: Data(indicators.body.readableBytesView)) as! [[String: Any]]
            let byKey = Dictionary(uniqueKeysWithValues: values.map { ($0["key"] as! String, $0["value"] as! Int) })
            XCTAssertEqual(byKey["fund_applications"], 0, "the indicators hide what the total hides")
            XCTAssertEqual(byKey["fund_grants"], 0)
            XCTAssertEqual(byKey["fund_granted_cents"], 0)
        }
    }

    func testTheTransparencyPageShowsTheFiguresWithoutSmallCounts() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let browser = Browser(app)
            let before = try await browser.get("/fonds/verantwoording")
            try await fileCases(app)
            app.clock.advance(by: 3)  // past the figures' cache

            // MUT
            let dutch = try await browser.get("/fonds/verantwoording")
            let english = try await browser.get("/fonds/verantwoording", headers: ["Accept-Language": "en"])

            // validation
            XCTAssertTrue(before.body.string.contains("Er is nog geen steun toegekend."))
            let html = dutch.body.string
            XCTAssertTrue(html.contains("Aanvragen en steun per soort"))
            XCTAssertTrue(html.contains("<th scope=\"row\">Onderdak</th><td class=\"number\">minder dan 5</td>"), html)
            XCTAssertTrue(html.contains("€ 480,00"))
            XCTAssertTrue(html.contains("meestal 10,0 dagen"))
            XCTAssertTrue(english.body.string.contains("<th scope=\"row\">Shelter</th><td class=\"number\">fewer than 5</td>"))
            XCTAssertTrue(english.body.string.contains("usually takes 4.5 days"))
        }
    }

    func testTheAPIIsDescribedAndTheIndicatorsHideSmallCounts() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            try await FigureCases.add(app, .food, .granted, asked: 5_000, granted: 5_000, created: Date(), decidedAfterDays: 1)
            let browser = Browser(app)

            // MUT
            let document = try await browser.get("/api/v1/openapi.json")
            let indicators = try await browser.get("/api/v1/indicators")

            // validation
            let openAPI = try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as! [String: Any]
            let path = (openAPI["paths"] as! [String: Any])["/fund/support"] as? [String: Any]
            XCTAssertNotNil(path?["get"], "the figures are in the OpenAPI document")
            let values = try JSONSerialization.jsonObject(with: Data(indicators.body.readableBytesView)) as! [[String: Any]]
            let byKey = Dictionary(uniqueKeysWithValues: values.map { ($0["key"] as! String, $0["value"] as! Int) })
            XCTAssertEqual(byKey["fund_applications"], 0, "one application reads 0, not 1")
            XCTAssertEqual(byKey["fund_grants"], 0)
            XCTAssertEqual(byKey["fund_granted_cents"], 0)
        }
    }
}

/// Cases as they stand after the committee (and the treasurer) dealt with them: the columns the
/// figures read, nothing sealed needed.
enum FigureCases {
    static func add(
        _ app: Application, _ category: SupportApplication.Category, _ status: SupportApplication.Status, asked: Int64,
        granted: Int64? = nil, paid: Int64 = 0, created: Date, decidedAfterDays: Double? = nil, paidAfterDays: Double? = nil,
        erased: Bool = false
    ) async throws {
        let application = SupportApplication()
        application.number = "FH-\(UUID().uuidString.prefix(8))"
        application.statusTokenHash = SecureToken.hash(SecureToken.make())
        application.status = status.rawValue
        application.category = category.rawValue
        application.urgency = SupportApplication.Urgency.week.rawValue
        application.requestedCents = asked
        application.grantedCents = granted
        application.paidCents = paid
        application.language = Language.nl.rawValue
        application.channel = SupportApplication.Channel.applicant.rawValue
        application.createdAt = created
        application.decidedAt = decidedAfterDays.map { created.addingTimeInterval($0 * 86_400) }
        application.paidAt = paidAfterDays.map { created.addingTimeInterval($0 * 86_400) }
        application.erasedAt = erased ? created.addingTimeInterval(400 * 86_400) : nil
        application.revision = 1
        try await application.create(on: app.db)
    }
}
