import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// Issue #12, item 6: a benefit event shows its fund campaign's progress and a "give" button
/// into the fund's giving form, attributed to the campaign.
final class BenefitTests: XCTestCase {
    func testABenefitEventShowsItsCampaignsProgressAndAGiveLinkThatCarriesTheCampaign() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let campaign = try await BenefitFixture.campaign(app, goalCents: 100_000)
            try await BenefitFixture.gift(app, cents: 25_000, to: campaign)
            let event = try await EventFixture.event(
                app, slug: "benefietavond", title: "Benefietavond", kind: .benefit, campaignID: campaign.id)
            let browser = Browser(app)

            // MUT
            let page = try await browser.get(EventsPath.event(.value(event.slug)).path)

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Benefietavond juni"), "the campaign's name")
            XCTAssertTrue(html.contains("€ 250,00") && html.contains("€ 1.000,00"), "raised of the goal, in text")
            XCTAssertTrue(html.contains("<progress max=\"100\" value=\"25\""), "the fund's progress bar")
            XCTAssertTrue(html.contains("1 gift"))
            let give = "/fonds/doneren?campagne=benefietavond-juni"
            XCTAssertTrue(html.contains("href=\"\(give)\""), "the give button carries the campaign")
            // Following it: the fund's giving form is for the campaign.
            let form = try await browser.get(give)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Benefietavond juni"))
            XCTAssertTrue(form.body.string.contains("name=\"campaign\" value=\"benefietavond-juni\""))
            let fundProblems = try await FundFeature().verify(app: app)
            XCTAssertEqual(fundProblems, [])
        }
    }

    func testAnEventWithoutACampaignOrWhoseCampaignIsGoneShowsNoBox() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let meetup = try await EventFixture.event(app)
            let campaign = try await BenefitFixture.campaign(app, slug: "weg")
            let orphan = try await EventFixture.event(app, slug: "benefiet-zonder-actie", kind: .benefit, campaignID: campaign.id)
            try await campaign.delete(on: app.db)
            let req = Request(application: app, on: app.eventLoopGroup.next())

            // MUT
            let none = try await CampaignSection.load(for: meetup, req: req)
            let reloaded = try await Event.find(orphan.id, on: app.db)!
            let gone = try await CampaignSection.load(for: reloaded, req: req)
            orphan.campaignID = campaign.id  // as if read just before the campaign went
            let stale = try await CampaignSection.load(for: orphan, req: req)

            // validation
            XCTAssertNil(none)
            XCTAssertNil(gone)
            XCTAssertNil(stale)
            let page = try await Browser(app).get(EventsPath.event(.value(meetup.slug)).path)
            XCTAssertFalse(page.body.string.contains("/fonds/doneren?campagne="))
        }
    }
}

/// Campaigns, gifts and registrations made straight in the database for the benefit tests.
enum BenefitFixture {
    @discardableResult
    static func campaign(_ app: Application, slug: String = "benefietavond-juni", goalCents: Int64 = 100_000) async throws
        -> FundCampaign
    {
        let campaign = FundCampaign()
        campaign.id = UUID()
        campaign.createdAt = app.clock.now()
        campaign.slug = slug
        campaign.title = "Benefietavond juni"
        campaign.description = "Een avond muziek voor het fonds."
        campaign.goalCents = goalCents
        campaign.deadline = nil
        campaign.raisedCents = 0
        campaign.gifts = 0
        try await campaign.create(on: app.db)
        return campaign
    }

    /// A cash gift for the campaign, paid as the treasurer records one (ledger and campaign total).
    static func gift(_ app: Application, cents: Int64, to campaign: FundCampaign) async throws {
        let gift = Gift(amountCents: cents, method: .cash, source: .campaign, language: .nl, now: app.clock.now())
        gift.campaignID = campaign.id
        try await gift.create(on: app.db)
        try await app.db.writeTransaction { db in
            let receipt = PayGift.Receipt(account: .cash, cause: .init("cash", gift.id!.uuidString), paidAt: app.clock.now())
            _ = try await PayGift(app: app).run(gift, receipt: receipt, on: db)
        }
    }

    /// A registration as the registration's commands leave it, with the event's counters kept.
    @discardableResult
    static func registration(
        _ app: Application, for event: Event, name: String = "Fatima El Amrani", email: String = "fatima@example.nl", guests: Int = 0,
        status: EventRegistration.Status, user: User? = nil, dietary: String? = nil
    ) async throws -> EventRegistration {
        let registration = EventRegistration()
        registration.eventID = try event.requireID()
        registration.userID = try user?.requireID()
        registration.name = name
        registration.email = email
        registration.emailKey = EmailAddress.canonicalMailbox(email)
        registration.guests = guests
        registration.dietary = dietary
        registration.accessibility = nil
        registration.houseRulesAccepted = true
        registration.status = status
        registration.position = event.nextPosition
        registration.holdUntil = status == .awaitingPayment ? app.clock.now().addingTimeInterval(30 * 60) : nil
        registration.language = .nl
        registration.walkIn = false
        registration.paidCents = 0
        registration.createdAt = app.clock.now()
        registration.updatedAt = app.clock.now()
        try await registration.create(on: app.db)
        event.nextPosition += 1
        if status.holdsPlaces { event.placesTaken += registration.partySize }
        if status == .waitlisted { event.waitlisted += 1 }
        try await event.save(on: app.db)
        return registration
    }
}
