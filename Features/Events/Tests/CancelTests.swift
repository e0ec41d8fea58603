import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// Cancelling from the link ends at the door: not once checked in, not once the event has started.
final class CancelTests: XCTestCase {
    func testSomeoneCheckedInCannotCancelAndSeesNoCancelLink() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Fatima is checked in at the door half an hour before the start; Bram waits
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, capacity: 1, startsIn: 1800, organiser: organiser)
            let fatima = try await CheckInFixture.register(app, event, name: "Fatima", email: "fatima@example.nl")
            _ = try await CheckInFixture.register(app, event, name: "Bram", email: "bram@example.nl", status: .waitlisted)
            _ = try await CheckIn(app: app).run(try fatima.requireID(), of: try event.requireID(), by: organiser)
            let token = try RegistrationJourney.token(app, fatima)
            let cancelPath = EventsPath.cancelRegistration(.value(token)).path

            // MUT
            let page = try await Browser(app).get(EventsPath.registration(.value(token)).path)
            let cancelPage = try await Browser(app).get(cancelPath)
            let visitor = Browser(app)
            let post = try await visitor.post(cancelPath)

            // validation: no link, no button, a clear refusal, and nothing changed
            XCTAssertFalse(page.body.string.contains(cancelPath))
            XCTAssertFalse(cancelPage.body.string.contains("Ja, meld me af"))
            XCTAssertTrue(cancelPage.body.string.contains("Je bent al ingecheckt. Afmelden kan niet meer."))
            XCTAssertEqual(post.status, .seeOther)
            let said = try await visitor.get(try XCTUnwrap(post.location))
            XCTAssertTrue(said.body.string.contains("Je bent al ingecheckt. Afmelden kan niet meer."))
            let after = try await RegistrationJourney.registration(app, "fatima@example.nl")
            XCTAssertEqual(after.status, .confirmed)
            let bram = try await RegistrationJourney.registration(app, "bram@example.nl")
            XCTAssertEqual(bram.status, .waitlisted)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testNobodyCancelsOnceTheEventHasStarted() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: the event started ten minutes ago; Jan has not come (yet), Bram waits
            let event = try await EventFixture.event(app, capacity: 1, startsIn: 3600)
            let jan = try await CheckInFixture.register(app, event, name: "Jan", email: "jan@example.nl")
            _ = try await CheckInFixture.register(app, event, name: "Bram", email: "bram@example.nl", status: .waitlisted)
            app.clock.advance(by: 3600 + 600)
            let token = try RegistrationJourney.token(app, jan)
            let cancelPath = EventsPath.cancelRegistration(.value(token)).path

            // MUT
            let page = try await Browser(app).get(EventsPath.registration(.value(token)).path)
            let visitor = Browser(app)
            let post = try await visitor.post(cancelPath)

            // validation
            XCTAssertFalse(page.body.string.contains(cancelPath))
            let said = try await visitor.get(try XCTUnwrap(post.location))
            XCTAssertTrue(said.body.string.contains("Het evenement is al begonnen. Afmelden kan niet meer."))
            let after = try await RegistrationJourney.registration(app, "jan@example.nl")
            XCTAssertEqual(after.status, .confirmed)
            let bram = try await RegistrationJourney.registration(app, "bram@example.nl")
            XCTAssertEqual(bram.status, .waitlisted, "no place offered mid-event")
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 1)
        }
    }
}
