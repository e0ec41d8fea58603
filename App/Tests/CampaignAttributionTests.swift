import Communication
import Events
import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Manifesto
import Vapor
import XCTVapor
import XCTest

/// With every feature: one movement-wide campaign groups four codes (a manifesto link, a fund
/// campaign's slug, an event link, a newsletter link). A person comes through each, as a browser
/// does, and each result is counted once in that campaign and in no other.
final class CampaignAttributionTests: XCTestCase {
    /// The value of the hidden `name` field in a page, as the browser would send it back.
    func hidden(_ name: String, in html: String) -> String? {
        let pattern = "name=\"\(name)\" value=\"([^\"]*)\""
        guard let range = html.range(of: pattern, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst("name=\"\(name)\" value=\"".count).dropLast())
    }

    func form(_ fields: [(String, String)], csrf: String?) -> ByteBuffer {
        let all = fields + (csrf.map { [("_csrf", $0)] } ?? [])
        return ByteBuffer(string: all.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&"))
    }

    func testEachWayInIsCountedOnceInItsCampaignAndNowhereElse() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: the movement's campaign with four codes, another one, a fund campaign, an event
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let day = AmsterdamTime.day(app.clock.now())
            for (name, codes) in [
                ("Oost doet mee", "markt-oost, benefiet-oost, feest-oost, krant-oost"), ("Noord in beeld", "noord-beeld"),
            ] {
                let made = try await coordinator.post(
                    CampaignsPath.new.path,
                    ["name": name, "kind": "signing", "description": "Buren halen buren.", "starts_on": day, "ends_on": "", "codes": codes])
                XCTAssertEqual(made.status, .seeOther, made.body.string)
            }
            let fundCampaign = FundCampaign()
            fundCampaign.id = UUID()
            fundCampaign.createdAt = app.clock.now()
            fundCampaign.slug = "benefiet-oost"
            fundCampaign.title = "Benefiet Oost"
            fundCampaign.description = "Een avond muziek voor het fonds."
            fundCampaign.goalCents = 100_000
            fundCampaign.deadline = nil
            fundCampaign.raisedCents = 0
            fundCampaign.gifts = 0
            try await fundCampaign.create(on: app.db)
            let event = Event.new(organiser: nil, createdBy: nil, now: app.clock.now())
            event.slug = "buurtfeest-oost"
            event.title = "Buurtfeest Oost"
            event.description = "Muziek, soep en buren."
            event.kind = .meetup
            event.startsAt = app.clock.now().addingTimeInterval(7 * 86_400)
            event.endsAt = event.startsAt.addingTimeInterval(2 * 3600)
            event.venue = "Buurthuis Oost"
            event.address = "Dapperstraat 1, Amsterdam"
            event.district = "oost"
            event.stepFree = true
            event.hearingLoop = false
            event.quietRoom = false
            event.capacity = 50
            event.registrationDeadline = event.startsAt
            event.ticketPriceCents = 0
            event.askDietary = false
            event.askAccessibility = false
            event.houseRules = ""
            try await event.save(on: app.db)

            // MUT 1: sign the manifesto through /manifest?ref=markt-oost, and confirm
            let signer = Browser(app)
            let manifesto = try await signer.get(ManifestoPath.page(ref: "markt-oost").path)
            let signRef = hidden("ref", in: manifesto.body.string)
            XCTAssertEqual(signRef, "markt-oost", "the manifesto form carries the code")
            app.clock.advance(by: 5)
            let signed = try await signer.post(
                ManifestoPath.sign.path,
                [
                    "name": "Amira Boateng", "email": "amira@example.nl", "district": "oost", "ref": signRef ?? "", "website": "",
                    "form_token": hidden("form_token", in: manifesto.body.string) ?? "",
                ])
            XCTAssertEqual(signed.status, .seeOther, signed.body.string)
            try await app.deliverMail()
            let signLink = try XCTUnwrap(MailSink.link(app: app, to: "amira@example.nl", for: ManifestoPath.confirm(.key)))
            let signConfirmed = try await signer.get(signLink)
            XCTAssertEqual(signConfirmed.status, .ok)

            // MUT 2: give through the fund campaign's link, paid as the bank statement import does
            let donor = Browser(app)
            let giving = try await donor.get("/fonds/doneren?campagne=benefiet-oost")
            XCTAssertTrue(giving.body.string.contains("Benefiet Oost"))
            let gave = try await donor.post(
                "/fonds/doneren",
                [
                    "amount": "2500", "other_amount": "", "frequency": "once", "method": "transfer", "name": "Fatima El Amrani",
                    "email": "fatima@example.nl", "wall": "first_name", "message": "", "giver": "person", "organisation": "",
                    "form_id": SecureToken.make(), "campaign": "benefiet-oost",
                ])
            XCTAssertEqual(gave.status, .seeOther, gave.body.string)
            let firstGift = try await Gift.query(on: app.db).first()
            let gift = try XCTUnwrap(firstGift)
            XCTAssertEqual(gift.campaignID, fundCampaign.id)
            try await app.db.writeTransaction { db in
                let found = try await Gift.locked("id", gift.id!, on: db)
                let locked = try XCTUnwrap(found)
                let paid = try await PayGift(app: app).run(
                    locked, receipt: .init(account: .bank, cause: .init("test_transfer", gift.id!.uuidString), paidAt: app.clock.now()),
                    on: db)
                XCTAssertEqual(paid, .paid)
            }
            FundTotals.changed(app)

            // MUT 3: register for the event through /evenementen/<slug>?ref=feest-oost, the hidden field
            // sent back as the form has it, and confirm through the mailed link
            let visitor = Browser(app)
            let eventPage = try await visitor.get(EventsPath.event(.value(event.slug)).path + "?ref=feest-oost")
            let eventRef = hidden("ref", in: eventPage.body.string)
            XCTAssertEqual(eventRef, "feest-oost", "the registration form carries the code as a hidden field")
            let registered = try await visitor.post(
                EventsPath.register(.value(event.slug)).path,
                ["name": "Joost", "email": "joost@example.nl", "guests": "0", "ref": eventRef ?? ""])
            XCTAssertEqual(registered.status, .seeOther, registered.body.string)
            try await app.deliverMail()
            let registrationMail = try XCTUnwrap(try MailSink.messages(app: app, to: "joost@example.nl").last)
            let confirmRange = try XCTUnwrap(
                registrationMail.text.range(of: "/evenementen/aanmelding/[0-9a-f]{32}-[0-9a-f]{32}/bevestigen", options: .regularExpression)
            )
            let eventConfirmed = try await visitor.post(String(registrationMail.text[confirmRange]))
            XCTAssertEqual(eventConfirmed.status, .seeOther)
            let firstRegistration = try await EventRegistration.query(on: app.db).first()
            let registration = try XCTUnwrap(firstRegistration)
            XCTAssertEqual(registration.ref, "feest-oost")
            XCTAssertEqual(registration.status, .confirmed)

            // MUT 4: subscribe to the newsletter through /nieuwsbrief?ref=krant-oost, and confirm
            let reader = Browser(app)
            let newsletter = try await reader.get(NewsletterPath.subscribe(ref: "krant-oost").path)
            let newsletterRef = hidden("ref", in: newsletter.body.string)
            XCTAssertEqual(newsletterRef, "krant-oost")
            app.clock.advance(by: 5)
            let subscribed = try await reader.post(
                NewsletterPath.subscribe().path,
                rawBody: form(
                    [
                        ("form_token", hidden("form_token", in: newsletter.body.string) ?? ""), ("ref", newsletterRef ?? ""),
                        ("website", ""),
                        ("email", "sanne@example.nl"), ("name", "Sanne de Vries"),
                    ], csrf: reader.csrfToken))
            XCTAssertEqual(subscribed.status, .seeOther, subscribed.body.string)
            try await app.deliverMail()
            let newsletterLink = try XCTUnwrap(try MailSink.link(app: app, to: "sanne@example.nl", containing: "/nieuwsbrief/bevestigen/"))
            let newsletterConfirmed = try await reader.get(newsletterLink)
            XCTAssertEqual(newsletterConfirmed.status, .ok)

            // validation: the open data lists both campaigns, each way in counted once in the first
            let api = try await Browser(app).get(CampaignsPath.apiCampaigns.path)
            XCTAssertEqual(api.status, .ok)
            struct Result: Decodable {
                var key: String
                var count: Int64
            }
            struct Campaign: Decodable {
                var name: String
                var results: [Result]
            }
            struct List: Decodable { var campaigns: [Campaign] }
            let list = try JSONDecoder().decode(List.self, from: Data(api.body.readableBytesView))
            func results(_ name: String) -> [String: Int64] {
                Dictionary(uniqueKeysWithValues: (list.campaigns.first { $0.name == name }?.results ?? []).map { ($0.key, $0.count) })
            }
            XCTAssertEqual(results("Oost doet mee"), ["signatures": 1, "gifts": 1, "registrations": 1, "newsletter": 1])
            XCTAssertEqual(results("Noord in beeld"), ["signatures": 0, "gifts": 0, "registrations": 0, "newsletter": 0])
            // and the public page shows them in words
            let page = try await Browser(app).get(CampaignsPath.campaign(.value("krant-oost")).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("<h1>Oost doet mee</h1>"))
            XCTAssertFalse(page.body.string.contains("amira@example.nl"))

            // a hostile code on a link is dropped, never echoed into the form
            let hostile = try await Browser(app).get(EventsPath.event(.value(event.slug)).path + "?ref=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            XCTAssertEqual(hostile.status, .ok)
            XCTAssertNil(hidden("ref", in: hostile.body.string))
            XCTAssertFalse(hostile.body.string.contains("<script>alert"))
        }
    }
}
