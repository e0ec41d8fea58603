import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// Issue #9, item 3: campaigns with a goal, a deadline, a page with progress and wall, gifts
/// attributed through `?campagne=`, and the treasurer's pages to make them.
final class CampaignTests: XCTestCase {
    func testAGiftThroughACampaignLinkCountsForItOnceItIsPaid() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let campaign = try await app.makeFundCampaign(goalCents: 100_000)
            let browser = Browser(app)
            let form = try await browser.get("/fonds/doneren?campagne=benefietavond-juni")
            XCTAssertTrue(form.body.string.contains("Benefietavond juni"))

            // MUT
            try await browser.post("/fonds/doneren", giftForm(amount: "other", other: "250", wall: "name", campaign: "benefietavond-juni"))
            let gift = try await app.onlyGift()
            try await app.payGift(gift)

            // validation
            XCTAssertEqual(gift.giftSource, .campaign)
            XCTAssertEqual(gift.campaignID, campaign.id)
            let counted = try await FundCampaign.find(campaign.id, on: app.db)
            XCTAssertEqual(counted?.raisedCents, 25_000)
            XCTAssertEqual(counted?.gifts, 1)
            let page = try await browser.get("/fonds/campagnes/benefietavond-juni")
            let html = page.body.string
            XCTAssertTrue(html.contains("<progress max=\"100\" value=\"25\""), "an accessible progress bar")
            XCTAssertTrue(html.contains("€ 250,00") && html.contains("€ 1.000,00"), "the numbers in text")
            XCTAssertTrue(html.contains("Fatima El Amrani"), "the campaign's own wall")
            XCTAssertTrue(html.contains("href=\"/fonds/doneren?campagne=benefietavond-juni\""))
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAClosedOrUnknownCampaignIsIgnoredWithANote() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await app.makeFundCampaign(slug: "oud", deadline: "2020-01-31")
            let browser = Browser(app)

            // MUT
            let closed = try await browser.get("/fonds/doneren?campagne=oud")
            let unknown = try await browser.get("/fonds/doneren?campagne=bestaat-niet")
            let asked = try await browser.post("/fonds/doneren", giftForm(campaign: "oud"))
            let page = try await browser.get("/fonds/campagnes/oud")

            // validation
            for form in [closed, unknown] {
                XCTAssertEqual(form.status, .ok)
                XCTAssertTrue(form.body.string.contains("Die actie bestaat niet of is afgelopen"))
            }
            XCTAssertEqual(asked.status, .seeOther)
            let gift = try await app.onlyGift()
            XCTAssertNil(gift.campaignID)
            XCTAssertEqual(gift.giftSource, .private)
            XCTAssertTrue(page.body.string.contains("Deze actie is afgelopen"))
            XCTAssertFalse(page.body.string.contains("Geef aan deze actie"))
        }
    }

    func testTheTreasurerMakesAndChangesACampaign() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await app.makeUser(name: "Bram van Dijk", email: "bram@example.nl", roles: [.treasurer])
            let browser = Browser(app)
            try await browser.logIn("bram@example.nl")
            let fields = [
                "title": "Actiedag", "slug": "actiedag-2026", "description": "Samen in actie.", "goal": "2.500", "deadline": "2026-09-12",
            ]

            // MUT
            let created = try await browser.post("/beheer/fonds/campagnes", fields)
            let again = try await browser.post("/beheer/fonds/campagnes", fields)
            var changed = fields
            changed["title"] = "Actiedag september"
            changed["slug"] = "iets-anders"
            let updated = try await browser.post("/beheer/fonds/campagnes/actiedag-2026", changed)

            // validation
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertEqual(created.location, "/beheer/fonds/campagnes/actiedag-2026")
            again.assertFormErrors(title: "Acties van het fonds", links: [("campaign-slug", "bestaat al")])
            XCTAssertEqual(updated.status, .seeOther)
            let campaign = try await FundCampaign.find(slug: "actiedag-2026", on: app.db)
            XCTAssertEqual(campaign?.title, "Actiedag september")
            XCTAssertEqual(campaign?.goalCents, 250_000)
            XCTAssertEqual(campaign?.deadline, "2026-09-12")
            let renamed = try await FundCampaign.find(slug: "iets-anders", on: app.db)
            XCTAssertNil(renamed, "the slug stays")
            let list = try await browser.get("/beheer/fonds/campagnes")
            XCTAssertTrue(list.body.string.contains("Actiedag september"))
        }
    }

    func testABadCampaignIsRefusedAndNothingSaved() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await app.makeUser(name: "Bram van Dijk", email: "bram@example.nl", roles: [.treasurer])
            let browser = Browser(app)
            try await browser.logIn("bram@example.nl")

            // MUT
            let response = try await browser.post(
                "/beheer/fonds/campagnes", ["title": "", "slug": "A B", "description": "x", "goal": "0", "deadline": "2026-02-30"])
            let resident = Browser(app)
            try await app.makeUser(name: "Noa Cohen", email: "noa@example.nl")
            try await resident.logIn("noa@example.nl")
            let forbidden = try await resident.post("/beheer/fonds/campagnes", ["title": "X", "slug": "xyz", "goal": "10"])

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(
                title: "Acties van het fonds",
                links: [
                    ("campaign-title", "Vul dit veld in"), ("campaign-slug", "kleine letters"), ("campaign-goal", "meer dan nul"),
                    ("campaign-deadline", "bestaande dag"),
                ])
            XCTAssertEqual(forbidden.status, .forbidden)
            let campaigns = try await FundCampaign.query(on: app.db).count()
            XCTAssertEqual(campaigns, 0)
        }
    }
}
