import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Held places that are not confirmed in time go to the next in line.
final class HoldTests: XCTestCase {
    func testAPromotedPersonWhoDoesNotConfirmInTimeLosesThePlaceToTheNext() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: one place; Anna in it, Bram and Carla waiting; Anna cancels, Bram is offered it
            let event = try await EventFixture.event(app, capacity: 1)
            try await RegistrationJourney.register(Browser(app), event, name: "Anna", email: "anna@example.nl")
            try await Browser(app).post(try await RegistrationJourney.mailedLink(app, to: "anna@example.nl", ending: "/bevestigen"))
            try await RegistrationJourney.register(Browser(app), event, name: "Bram", email: "bram@example.nl")
            try await RegistrationJourney.register(Browser(app), event, name: "Carla", email: "carla@example.nl")
            try await Browser(app).post(try await RegistrationJourney.mailedLink(app, to: "anna@example.nl", ending: "/annuleren"))
            let offered = try await RegistrationJourney.registration(app, "bram@example.nl")
            XCTAssertEqual(offered.status, .offered)
            let bramLink = try await RegistrationJourney.mailedLink(app, to: "bram@example.nl", ending: "/bevestigen")

            // MUT: two days and an hour pass; the job runs (twice: it must not count twice)
            app.clock.advance(by: 49 * 3600)
            try await JobWorker(app: app).runDue()
            let id = try offered.requireID()
            try await HoldExpiryProbe.run(id, app: app)

            // validation: Bram expired and told so, Carla offered and told so
            let bram = try await RegistrationJourney.registration(app, "bram@example.nl")
            XCTAssertEqual(bram.status, .expired)
            let carla = try await RegistrationJourney.registration(app, "carla@example.nl")
            XCTAssertEqual(carla.status, .offered)
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 1)
            XCTAssertEqual(counted.waitlisted, 0)
            let bramSubjects = try await RegistrationJourney.subjects(app, to: "bram@example.nl")
            XCTAssertEqual(bramSubjects.last, "Je plek is vervallen: Buurtgesprek West")
            let carlaSubjects = try await RegistrationJourney.subjects(app, to: "carla@example.nl")
            XCTAssertEqual(carlaSubjects.last, "Er is een plek voor je: Buurtgesprek West")

            // Bram's late click says the time has passed and changes nothing
            let late = try await Browser(app).post(bramLink)
            XCTAssertEqual(late.status, .gone)
            XCTAssertTrue(late.body.string.contains("De tijd om te bevestigen is voorbij"))
            let after = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(after.placesTaken, 1)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnAnonymousRegistrationNotConfirmedWithinTwoHoursFreesItsPlaces() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, capacity: 4)
            try await RegistrationJourney.register(Browser(app), event, name: "Eva", email: "eva@example.nl", guests: "3")
            try await RegistrationJourney.register(Browser(app), event, name: "Fenna", email: "fenna@example.nl")
            let link = try await RegistrationJourney.mailedLink(app, to: "eva@example.nl", ending: "/bevestigen")
            let mail = try XCTUnwrap(try MailSink.messages(app: app, to: "eva@example.nl").last)
            XCTAssertTrue(mail.text.contains("binnen 2 uur"), mail.text)
            let page = try await Browser(app).get(EventsPath.event(.value(event.slug)).path)
            XCTAssertTrue(page.body.string.contains("Doe dat binnen 2 uur"))

            // MUT: not after an hour and 55 minutes, but after two hours and five
            app.clock.advance(by: 115 * 60)
            try await JobWorker(app: app).runDue()
            let early = try await RegistrationJourney.registration(app, "eva@example.nl")
            XCTAssertEqual(early.status, .pending)
            app.clock.advance(by: 10 * 60)
            try await JobWorker(app: app).runDue()

            // validation
            let eva = try await RegistrationJourney.registration(app, "eva@example.nl")
            XCTAssertEqual(eva.status, .expired)
            let evaMail = try await RegistrationJourney.subjects(app, to: "eva@example.nl")
            XCTAssertEqual(evaMail.last, "Je plek is vervallen: Buurtgesprek West")
            let fenna = try await RegistrationJourney.registration(app, "fenna@example.nl")
            XCTAssertEqual(fenna.status, .offered)
            let late = try await Browser(app).post(link)
            XCTAssertEqual(late.status, .gone)
            XCTAssertTrue(late.body.string.contains("De tijd om te bevestigen is voorbij"))
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 1)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnAnonymousHoldNeverRunsPastTheRegistrationDeadline() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: registering closes in half an hour, a week before the start
            let event = try await EventFixture.event(app, capacity: 4)
            event.registrationDeadline = app.clock.now().addingTimeInterval(1800)
            try await event.save(on: app.db)

            // MUT
            try await RegistrationJourney.register(Browser(app), event, name: "Eva", email: "eva@example.nl")

            // validation
            let eva = try await RegistrationJourney.registration(app, "eva@example.nl")
            let holdUntil = try XCTUnwrap(eva.holdUntil)
            XCTAssertEqual(holdUntil.timeIntervalSince(app.clock.now()), 1800, accuracy: 5)
        }
    }
}

/// Runs the hold-expiry job's body once more, as a second delivery of the job would.
enum HoldExpiryProbe {
    static func run(_ id: UUID, app: Application) async throws {
        let definition = try XCTUnwrap(EventsFeature().jobs().first { $0.kind == "events.hold-expired" })
        try await definition.run(app, id.uuidString)
    }
}
