import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// A full event: the waitlist in arrival order, promoted when someone cancels.
final class WaitlistTests: XCTestCase {
    func testWhenSomeoneCancelsTheFirstOnTheWaitlistIsOfferedThePlaceAndMailed() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: two places, two people in them, two waiting
            let event = try await EventFixture.event(app, capacity: 2)
            for (name, email) in [("Anna", "anna@example.nl"), ("Bram", "bram@example.nl")] {
                try await RegistrationJourney.register(Browser(app), event, name: name, email: email)
                try await Browser(app).post(try await RegistrationJourney.mailedLink(app, to: email, ending: "/bevestigen"))
            }
            let carla = Browser(app)
            let waiting = try await RegistrationJourney.register(carla, event, name: "Carla", email: "carla@example.nl")
            try await RegistrationJourney.register(Browser(app), event, name: "Daan", email: "daan@example.nl")

            // validation: both on the waitlist, in arrival order, and told so
            XCTAssertEqual(waiting.status, .seeOther)
            let carlaWaiting = try await RegistrationJourney.registration(app, "carla@example.nl")
            XCTAssertEqual(carlaWaiting.status, .waitlisted)
            XCTAssertEqual(carlaWaiting.position, 3)
            var counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 2)
            XCTAssertEqual(counted.waitlisted, 2)
            let carlaMail = try await RegistrationJourney.subjects(app, to: "carla@example.nl")
            XCTAssertEqual(carlaMail, ["Je staat op de wachtlijst: Buurtgesprek West"])
            let daanPage = try await Browser(app).get(try await RegistrationJourney.mailedLink(app, to: "daan@example.nl", ending: ""))
            XCTAssertTrue(daanPage.body.string.contains("Er staat 1 persoon voor je op de wachtlijst"))

            // MUT: Anna cancels from the link in her mail
            let anna = Browser(app)
            let cancelLink = try await RegistrationJourney.mailedLink(app, to: "anna@example.nl", ending: "/annuleren")
            let cancelPage = try await anna.get(cancelLink)
            XCTAssertTrue(cancelPage.body.string.contains("Ja, meld me af"))
            let cancelled = try await anna.post(cancelLink)

            // validation: Carla (first in line) is offered the place, Daan still waits
            XCTAssertEqual(cancelled.status, .seeOther)
            let annaAfter = try await RegistrationJourney.registration(app, "anna@example.nl")
            XCTAssertEqual(annaAfter.status, .cancelled)
            let carlaOffered = try await RegistrationJourney.registration(app, "carla@example.nl")
            XCTAssertEqual(carlaOffered.status, .offered)
            let holdUntil = try XCTUnwrap(carlaOffered.holdUntil)
            XCTAssertEqual(holdUntil.timeIntervalSince(app.clock.now()), 48 * 3600, accuracy: 5)
            let daanAfter = try await RegistrationJourney.registration(app, "daan@example.nl")
            XCTAssertEqual(daanAfter.status, .waitlisted)
            counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 2)
            XCTAssertEqual(counted.waitlisted, 1)
            let carlaSubjects = try await RegistrationJourney.subjects(app, to: "carla@example.nl")
            XCTAssertEqual(carlaSubjects.last, "Er is een plek voor je: Buurtgesprek West")

            // a second cancel says it is cancelled already, and frees nothing twice
            let again = try await anna.post(cancelLink)
            let said = try await anna.get(try XCTUnwrap(again.location))
            XCTAssertTrue(said.body.string.contains("Deze aanmelding was al afgemeld"))

            // MUT: Carla confirms from the offer mail
            let offerLink = try await RegistrationJourney.mailedLink(app, to: "carla@example.nl", ending: "/bevestigen")
            try await carla.post(offerLink)

            // validation
            let carlaConfirmed = try await RegistrationJourney.registration(app, "carla@example.nl")
            XCTAssertEqual(carlaConfirmed.status, .confirmed)
            counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 2)
            XCTAssertEqual(counted.waitlisted, 1)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testNobodyPassesThePeopleWaitingAndAPartyThatDoesNotFitHoldsTheLine() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: three places; a party of three holds them, a party of three waits, then one person
            let event = try await EventFixture.event(app, capacity: 3)
            try await RegistrationJourney.register(Browser(app), event, name: "Groot", email: "groot@example.nl", guests: "2")
            try await RegistrationJourney.register(Browser(app), event, name: "Ook Groot", email: "ookgroot@example.nl", guests: "2")
            try await RegistrationJourney.register(Browser(app), event, name: "Klein", email: "klein@example.nl")
            try await RegistrationJourney.register(Browser(app), event, name: "Twee", email: "twee@example.nl", guests: "1")

            // MUT: the first party cancels, which frees three places
            try await Browser(app).post(try await RegistrationJourney.mailedLink(app, to: "groot@example.nl", ending: "/annuleren"))

            // validation: the next party of three gets them; the single person stays behind it
            let big = try await RegistrationJourney.registration(app, "ookgroot@example.nl")
            XCTAssertEqual(big.status, .offered)
            let small = try await RegistrationJourney.registration(app, "klein@example.nl")
            XCTAssertEqual(small.status, .waitlisted)
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 3)
            XCTAssertEqual(counted.waitlisted, 2)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testWhenTheBigPartyAtTheHeadOfTheLineCancelsTheSmallerOnesBehindItAreOffered() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: ten places, six taken, four free; a party of ten waits at the head, two singles behind it
            let event = try await EventFixture.event(app, capacity: 10)
            _ = try await CheckInFixture.register(app, event, name: "Anna", email: "anna@example.nl", guests: 5)
            let party = try await CheckInFixture.register(
                app, event, name: "Groot", email: "groot@example.nl", guests: 9, status: .waitlisted)
            _ = try await CheckInFixture.register(app, event, name: "Bram", email: "bram@example.nl", status: .waitlisted)
            _ = try await CheckInFixture.register(app, event, name: "Carla", email: "carla@example.nl", status: .waitlisted)
            let before = try await EventsFeature().verify(app: app)
            XCTAssertEqual(before, [], "the party does not fit: nobody is passed")

            // MUT: the waiting party gives up its place in line
            let cancelLink = EventsPath.cancelRegistration(.value(try RegistrationJourney.token(app, party))).path
            let cancelled = try await Browser(app).post(cancelLink)

            // validation: both singles are offered a place and mailed
            XCTAssertEqual(cancelled.status, .seeOther)
            for email in ["bram@example.nl", "carla@example.nl"] {
                let offered = try await RegistrationJourney.registration(app, email)
                XCTAssertEqual(offered.status, .offered, email)
                let subjects = try await RegistrationJourney.subjects(app, to: email)
                XCTAssertEqual(subjects.last, "Er is een plek voor je: Buurtgesprek West")
            }
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 8)
            XCTAssertEqual(counted.waitlisted, 0)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
