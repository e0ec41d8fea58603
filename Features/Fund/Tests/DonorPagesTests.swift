import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// `/fonds/mijn-giften`: a signed-in donor sees their own gifts and monthly gifts, nobody else's.
final class DonorPagesTests: XCTestCase {
    func testADonorSeesOnlyTheirOwnGiftsAndCanStopTheirMonthlyGift() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let fatima = try await app.makeUser(name: "Fatima", email: "fatima@example.nl")
            let daan = try await app.makeUser(name: "Daan", email: "daan@example.nl")
            try await ReportTestGifts.pay(app, cents: 1234, on: "2026-02-01", userID: fatima.id)
            try await ReportTestGifts.pay(app, cents: 5678, on: "2025-06-01", email: "fatima@example.nl")
            try await ReportTestGifts.pay(app, cents: 9999, on: "2026-02-01", email: "daan@example.nl", userID: daan.id)
            try await ReportTestGifts.pay(app, cents: 4321, on: "2026-02-01", email: "someone@example.nl")
            let monthly = RecurringGift()
            monthly.id = UUID()
            monthly.createdAt = ReportTestGifts.day("2026-01-01")
            monthly.status = RecurringGift.Status.active.rawValue
            monthly.amountCents = 1500
            monthly.userID = fatima.id
            monthly.language = "nl"
            monthly.wall = Gift.Wall.anonymous.rawValue
            monthly.source = GiftSource.private.rawValue
            try await monthly.create(on: app.db)
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")

            // MUT
            let page = try await browser.get("/fonds/mijn-giften")

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("€ 12,34"), "a gift under her account")
            XCTAssertTrue(html.contains("€ 56,78"), "a gift under her confirmed address")
            XCTAssertFalse(html.contains("€ 99,99"), "Daan's gift")
            XCTAssertFalse(html.contains("€ 43,21"), "a stranger's gift")
            XCTAssertTrue(html.contains(#"action="/fonds/mijn-giften/\#(monthly.id!.uuidString)/stoppen""#))
            XCTAssertTrue(html.contains(#"name="_csrf" value="\#(browser.csrfToken ?? "-")""#))
            XCTAssertTrue(html.contains(#"href="/fonds/jaaroverzicht/2026""#))
            XCTAssertTrue(html.contains(#"href="/fonds/jaaroverzicht/2025""#))
        }
    }

    func testSomeoneNotSignedInIsSentToLogIn() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // MUT
            let page = try await Browser(app).get("/fonds/mijn-giften", headers: ["Accept": "text/html"])
            let statement = try await Browser(app).get("/fonds/jaaroverzicht/2026", headers: ["Accept": "text/html"])

            // validation
            XCTAssertEqual(page.status, .seeOther)
            XCTAssertTrue(page.headers.first(name: .location)?.contains("/account/inloggen") ?? false)
            XCTAssertEqual(statement.status, .seeOther)
        }
    }
}
