import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Review items 8 and 2: a checkout left halfway can be taken up again from the registration's
/// page (an anonymous buyer is mailed its link), and only a coordinator sets a ticket price.
final class TicketPayNowTests: XCTestCase {
    func testAnAnonymousBuyerIsMailedTheLinkAndPaysNowAfterLeavingTheCheckout() async throws {
        try await TicketKit.with { kit in
            // setup: an anonymous buyer is sent to the checkout and closes it
            let app = kit.app
            let event = try await EventFixture.event(app, slug: "benefietavond", title: "Benefietavond", ticketPriceCents: 1500)
            let browser = Browser(app)
            _ = try await browser.get(EventsPath.event(.value(event.slug)).path)
            let first = try await browser.post(
                EventsPath.register(.value(event.slug)).path, ["name": "Fatima El Amrani", "email": "fatima@example.nl", "guests": "0"])
            let link = try await RegistrationJourney.mailedLink(app, to: "fatima@example.nl", ending: "")
            let subjects = try await RegistrationJourney.subjects(app, to: "fatima@example.nl")

            // MUT: back on the registration's page, "pay now" (twice); later, after the hold
            let page = try await browser.get(link)
            let again = try await browser.post(link + "/betalen")
            let twice = try await browser.post(link + "/betalen")
            app.clock.advance(by: RegisterForEvent.paymentHold + 60)
            let tooLate = try await browser.post(link + "/betalen")

            // validation
            XCTAssertEqual(subjects, ["Betaal je kaartje: Benefietavond"])
            XCTAssertTrue(page.body.string.contains("Nu betalen"))
            XCTAssertTrue(page.body.string.contains("action=\"\(link)/betalen\""))
            XCTAssertEqual(again.status, .seeOther)
            XCTAssertEqual(again.location, first.location, "the same checkout: one payment")
            XCTAssertEqual(twice.location, first.location)
            let payments = await kit.mollie.paymentCount
            XCTAssertEqual(payments, 1)
            XCTAssertEqual(tooLate.status, .seeOther)
            XCTAssertEqual(tooLate.location, link, "the hold is over: back to the page, no new payment")
            let stillOne = await kit.mollie.paymentCount
            XCTAssertEqual(stillOne, 1)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testOnlyACoordinatorSetsATicketPrice() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "fatima@example.nl")
            let initiative = try await EventFormFixture.initiative(app, slug: "eigen", organiser: organiser)
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            var fields = EventFormFixture.valid(day: EventFormFixture.day(app, in: 5))
            fields["initiative"] = try initiative.requireID().uuidString
            fields["price"] = "15,00"
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")

            // MUT
            let form = try await browser.get(EventsPath.new.path)
            let byOrganiser = try await browser.post(EventsPath.new.path, fields)
            let coordinatorForm = try await coordinator.get(EventsPath.new.path)
            fields["title"] = "Benefietavond"
            let byCoordinator = try await coordinator.post(EventsPath.new.path, fields)

            // validation
            XCTAssertFalse(form.body.string.contains("name=\"price\""), "no price field for an organiser")
            XCTAssertTrue(coordinatorForm.body.string.contains("name=\"price\""))
            XCTAssertEqual(byOrganiser.status, .seeOther)
            XCTAssertEqual(byCoordinator.status, .seeOther)
            let organisers = try await Event.query(on: app.db).filter(\.$title == "Buurtgesprek West").first()
            XCTAssertEqual(organisers?.ticketPriceCents, 0, "a posted price is ignored")
            let coordinators = try await Event.query(on: app.db).filter(\.$title == "Benefietavond").first()
            XCTAssertEqual(coordinators?.ticketPriceCents, 1500)
        }
    }
}
