import Fluent
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import Fund

/// Issue #9, item 1: the public wall shows each donor as they chose, never an amount or an address.
final class WallTests: XCTestCase {
    func testTheWallShowsDonorsAsTheyChose() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await app.paidGift(name: "Jan Jansen", wall: .anonymous, message: "Voor de buurt")
            try await app.paidGift(name: "Fatima El Amrani", wall: .firstName)
            try await app.paidGift(name: "Daan de Vries", wall: .name, cents: 777_700)
            let open = Gift(amountCents: 1000, method: .transfer, source: .private, language: .nl, wall: .name, now: Date())
            open.donorName = "Open Persoon"
            try await open.create(on: app.db)

            // MUT
            let wall = try await Browser(app).get("/fonds/muur")
            let home = try await Browser(app).get("/fonds")

            // validation
            for page in [wall, home] {
                let html = page.body.string
                XCTAssertFalse(html.contains("Jan Jansen"), "an anonymous donor has no name")
                XCTAssertTrue(html.contains("Anonieme gever"))
                XCTAssertTrue(html.contains("Voor de buurt"), "the message is shown")
                XCTAssertTrue(html.contains("<strong>Fatima</strong>"), "first name only")
                XCTAssertFalse(html.contains("El Amrani"))
                XCTAssertTrue(html.contains("Daan de Vries"))
                XCTAssertFalse(html.contains("Open Persoon"), "an unpaid gift is not on the wall")
                XCTAssertFalse(html.contains("@example.nl"), "no addresses")
            }
            XCTAssertFalse(wall.body.string.contains("7.777"), "no amounts on the wall")
            let feed = try await FundWall.homeFeed(app: app).map(\.title)
            XCTAssertEqual(Set(feed), ["Daan de Vries", "Fatima"])
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheWallIsPaged() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            for number in 1...(FundWall.pageSize + 2) { try await app.paidGift(name: "Gever \(number)", wall: .name) }

            // MUT
            let first = try await Browser(app).get("/fonds/muur")
            let second = try await Browser(app).get("/fonds/muur?pagina=2")
            let silly = try await Browser(app).get("/fonds/muur?pagina=-4")

            // validation
            XCTAssertEqual(first.body.string.components(separatedBy: "<li><strong>").count - 1, FundWall.pageSize)
            XCTAssertTrue(first.body.string.contains("href=\"?pagina=2\""))
            XCTAssertEqual(second.body.string.components(separatedBy: "<li><strong>").count - 1, 2)
            XCTAssertTrue(second.body.string.contains("href=\"?pagina=1\""))
            XCTAssertEqual(silly.status, .ok)
        }
    }

    func testUnpaidGiftsExpireAndForgetTheirDonor() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let browser = Browser(app)
            try await browser.post("/fonds/doneren", giftForm(message: "Succes"))
            let paid = try await app.paidGift(name: "Daan de Vries", wall: .name)
            let now = Date()

            // MUT
            let early = try await GiftRetention.purge(now: now.addingTimeInterval(59 * 86_400), on: app.db)
            let expired = try await GiftRetention.purge(now: now.addingTimeInterval(61 * 86_400), on: app.db)
            let erased = try await GiftRetention.purge(now: now.addingTimeInterval(92 * 86_400), on: app.db)

            // validation
            XCTAssertEqual(early, .init(expired: 0, erased: 0), "a transfer may take its time")
            XCTAssertEqual(expired, .init(expired: 1, erased: 0))
            XCTAssertEqual(erased, .init(expired: 0, erased: 1))
            let unpaid = try await Gift.query(on: app.db).filter(\.$status == "expired").first()
            XCTAssertNil(unpaid?.donorName)
            XCTAssertNil(unpaid?.donorEmail)
            XCTAssertNil(unpaid?.message)
            let kept = try await Gift.find(paid.id, on: app.db)
            XCTAssertEqual(kept?.donorName, "Daan de Vries", "a paid gift keeps its donor for the fiscal records")
            let later = try await GiftRetention.purge(now: now.addingTimeInterval(7 * 366 * 86_400), on: app.db)
            XCTAssertEqual(later.erased, 1, "after 7 years the paid gift forgets its donor too")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
