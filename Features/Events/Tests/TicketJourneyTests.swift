import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// A resident registers for a benefit evening with a ticket: through the registration form to
/// the payment provider's checkout and back, or — with no way to pay — a clear message.
final class TicketJourneyTests: XCTestCase {
    func testRegisteringForAPaidEventGoesToTheCheckoutAndComesBackConfirmed() async throws {
        try await TicketKit.with { kit in
            // setup
            let app = kit.app
            let event = try await EventFixture.event(
                app, slug: "benefietavond", title: "Benefietavond", capacity: 10, ticketPriceCents: 1500)
            let browser = Browser(app)
            _ = try await browser.get(EventsPath.event(.value(event.slug)).path)

            // MUT
            let response = try await browser.post(
                EventsPath.register(.value(event.slug)).path, ["name": "Fatima El Amrani", "email": "fatima@example.nl", "guests": "0"])
            let registration = try await EventRegistration.query(on: app.db).filter(\.$emailKey == "fatima@example.nl").first()
            let paymentID = try await kit.paymentID(of: try XCTUnwrap(registration))
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(
                response.headers.first(name: .location), kit.mollie.url.replacingOccurrences(of: "/v2", with: "/checkout/\(paymentID)"))
            let paid = try await EventRegistration.find(registration?.id, on: app.db)
            XCTAssertEqual(paid?.status, .confirmed)
            XCTAssertEqual(paid?.paidCents, 1500)
            let back = await kit.mollie.payment(paymentID)?.redirectUrl ?? ""
            let page = try await browser.get(back.replacingOccurrences(of: app.config.baseURL, with: ""))
            XCTAssertEqual(page.status, .ok)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testRegisteringForAPaidEventWithoutMollieSaysSoAndHoldsNothing() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            var settings = app.fundSettings
            settings.mollieAPIKey = nil
            app.fundSettings = settings
            let event = try await EventFixture.event(
                app, slug: "benefietavond", title: "Benefietavond", capacity: 5, ticketPriceCents: 1500)
            let browser = Browser(app)
            _ = try await browser.get(EventsPath.event(.value(event.slug)).path)

            // MUT
            let response = try await browser.post(
                EventsPath.register(.value(event.slug)).path, ["name": "Fatima El Amrani", "email": "fatima@example.nl", "guests": "1"])

            // validation
            XCTAssertEqual(response.status, .serviceUnavailable)
            let html = response.body.string
            XCTAssertTrue(html.contains("Je kunt voor dit evenement nu niet online betalen"))
            XCTAssertTrue(html.contains("we houden geen plaats voor je vast"))
            XCTAssertTrue(html.contains("href=\"/evenementen/benefietavond\""))
            let registration = try await EventRegistration.query(on: app.db).filter(\.$emailKey == "fatima@example.nl").first()
            XCTAssertEqual(registration?.status, .cancelled)
            let reloaded = try await Event.find(event.id, on: app.db)
            XCTAssertEqual(reloaded?.placesTaken, 0, "nothing held")
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }
}
