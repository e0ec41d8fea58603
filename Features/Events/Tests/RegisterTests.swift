import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Registering: anonymous with a mailed confirmation link, or signed in at once.
final class RegisterTests: XCTestCase {
    func testAnonymousRegistrationIsConfirmedByTheMailedLinkAndCounted() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, capacity: 20)
            let visitor = Browser(app)

            // MUT: register with one guest
            let response = try await RegistrationJourney.register(visitor, event, name: "Fatima", email: "fatima@example.nl", guests: "1")

            // validation: places held, not yet confirmed
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.location, EventsPath.event(.value(event.slug)).path)
            var registration = try await RegistrationJourney.registration(app, "fatima@example.nl")
            XCTAssertEqual(registration.status, .pending)
            XCTAssertEqual(registration.position, 1)
            let placesHeld = try await RegistrationJourney.reload(app, event).placesTaken
            XCTAssertEqual(placesHeld, 2)

            // MUT: the link in the mail shows a page with one button and changes nothing
            let link = try await RegistrationJourney.mailedLink(app, to: "fatima@example.nl", ending: "/bevestigen")
            let page = try await visitor.get(link)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Ja, ik kom"))
            let statusBeforeButton = try await RegistrationJourney.registration(app, "fatima@example.nl").status
            XCTAssertEqual(statusBeforeButton, .pending)

            // MUT: the button confirms
            let confirmed = try await visitor.post(link)

            // validation
            XCTAssertEqual(confirmed.status, .seeOther)
            registration = try await RegistrationJourney.registration(app, "fatima@example.nl")
            XCTAssertEqual(registration.status, .confirmed)
            XCTAssertNil(registration.holdUntil)
            let placesAfterConfirm = try await RegistrationJourney.reload(app, event).placesTaken
            XCTAssertEqual(placesAfterConfirm, 2)
            let own = try await visitor.get(try XCTUnwrap(confirmed.location))
            XCTAssertTrue(own.body.string.contains("Je aanmelding is bevestigd"))
            XCTAssertTrue(own.body.string.contains("Laat deze code zien bij de deur"))
            XCTAssertTrue(own.body.string.contains("/qr.svg"))

            // a second post says so, and counts nothing twice
            let again = try await visitor.post(link)
            let second = try await visitor.get(try XCTUnwrap(again.location))
            XCTAssertTrue(second.body.string.contains("Je aanmelding was al bevestigd"))
            let placesAfterSecondPost = try await RegistrationJourney.reload(app, event).placesTaken
            XCTAssertEqual(placesAfterSecondPost, 2)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testASignedInResidentIsRegisteredAtOnceAndSeesItOnTheEventSection() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, capacity: 5)
            _ = try await app.makeUser(name: "Joost de Vries", email: "joost@example.nl")
            let resident = Browser(app)
            try await resident.logIn("joost@example.nl")

            // MUT
            let response = try await resident.post(EventsPath.register(.value(event.slug)).path, ["guests": "0"])

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let registration = try await RegistrationJourney.registration(app, "joost@example.nl")
            XCTAssertEqual(registration.status, .confirmed)
            XCTAssertEqual(registration.name, "Joost de Vries")
            let placesHeld = try await RegistrationJourney.reload(app, event).placesTaken
            XCTAssertEqual(placesHeld, 1)
            let page = try await resident.get(try XCTUnwrap(response.location))
            XCTAssertTrue(page.body.string.contains("Buurtgesprek West"))
            XCTAssertTrue(page.body.string.contains("aangemeld"))

            // a second try of the same account is refused with a link to the registration
            let twice = try await resident.post(EventsPath.register(.value(event.slug)).path, ["guests": "0"])
            XCTAssertEqual(twice.status, .badRequest)
            XCTAssertTrue(twice.body.string.contains("Je bent al aangemeld voor dit evenement"), twice.body.string)
            XCTAssertTrue(twice.body.string.contains(try XCTUnwrap(response.location)), twice.body.string)
            let placesAfterRefusal = try await RegistrationJourney.reload(app, event).placesTaken
            XCTAssertEqual(placesAfterRefusal, 1)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheEventPageShowsPlacesLeftTheFormAndThenTheWaitlistButton() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, capacity: 2, houseRules: "Iedereen is welkom.")

            // MUT
            let open = try await Browser(app).get(EventsPath.event(.value(event.slug)).path)

            // validation: the form asks name and address of someone not signed in, and the house rules
            XCTAssertEqual(open.status, .ok)
            let html = open.body.string
            XCTAssertTrue(html.contains("Nog 2 plekken vrij."))
            XCTAssertTrue(html.contains("name=\"email\""))
            XCTAssertTrue(html.contains("Iedereen is welkom."))
            XCTAssertTrue(html.contains("name=\"house_rules\""))
            XCTAssertTrue(html.contains(">Aanmelden</button>"))

            // MUT: full
            try await RegistrationJourney.register(
                Browser(app), event, name: "Twee", email: "twee@example.nl", guests: "1", extra: ["house_rules": "1"])
            let full = try await Browser(app).get(EventsPath.event(.value(event.slug)).path)

            // validation
            XCTAssertTrue(full.body.string.contains(">Op de wachtlijst</button>"))
        }
    }

    func testAnAddressRegisteredAlreadyGetsTheSameAnswerAsANewOneAndItsOwnerTheLink() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Fatima registered; someone else types her address
            let event = try await EventFixture.event(app, capacity: 20)
            let first = try await RegistrationJourney.register(Browser(app), event, name: "Fatima", email: "fatima@example.nl")
            let someone = Browser(app)

            // MUT
            let again = try await RegistrationJourney.register(someone, event, name: "Iemand", email: "Fatima@Example.nl", guests: "2")

            // validation: answered as a new registration, nothing registered, Fatima mailed her registration's link
            XCTAssertEqual(again.status, first.status)
            XCTAssertEqual(again.location, first.location)
            let said = try await someone.get(try XCTUnwrap(again.location))
            XCTAssertTrue(said.body.string.contains("Bijna klaar: kijk in je mail"))
            XCTAssertFalse(said.body.string.contains("al aangemeld"))
            let count = try await RegistrationJourney.count(app)
            XCTAssertEqual(count, 1)
            let placesHeld = try await RegistrationJourney.reload(app, event).placesTaken
            XCTAssertEqual(placesHeld, 1)
            let subjects = try await RegistrationJourney.subjects(app, to: "fatima@example.nl")
            // Delivered in one batch: the file names of one millisecond do not keep their order.
            XCTAssertEqual(subjects.sorted(), ["Bevestig je aanmelding: Buurtgesprek West", "Je bent al aangemeld: Buurtgesprek West"])
            let fatima = try await RegistrationJourney.registration(app, "fatima@example.nl")
            let link = try await RegistrationJourney.mailedLink(app, to: "fatima@example.nl", ending: "")
            XCTAssertEqual(link, EventsPath.registration(.value(try RegistrationJourney.token(app, fatima))).path)

            // MUT: the mails count against the same limit as registering: ten an hour from one client
            for _ in 0..<8 {
                try await RegistrationJourney.register(someone, event, name: "Iemand", email: "fatima@example.nl")
            }
            let eleventh = try await RegistrationJourney.register(someone, event, name: "Iemand", email: "fatima@example.nl")

            // validation
            XCTAssertEqual(eleventh.status, .tooManyRequests)
            let mails = try await RegistrationJourney.subjects(app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 10)
        }
    }

    func testAForgedLinkIsANotFoundPageThatSaysWhatToDo() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let forged = String(repeating: "a", count: 32) + "-" + String(repeating: "b", count: 32)

            // MUT
            for path in [
                EventsPath.registration(.value(forged)), .confirmRegistration(.value(forged)), .cancelRegistration(.value(forged)),
            ] {
                let page = try await Browser(app).get(path.path)

                // validation
                XCTAssertEqual(page.status, .notFound, path.path)
                XCTAssertTrue(page.body.string.contains("Deze link werkt niet"), path.path)
            }
            let post = try await Browser(app).post(EventsPath.cancelRegistration(.value(forged)).path)
            XCTAssertEqual(post.status, .notFound)
        }
    }
}

/// The steps of a registration journey, shared by the registration tests.
enum RegistrationJourney {
    @discardableResult
    static func register(
        _ browser: Browser, _ event: Event, name: String, email: String, guests: String = "0", extra: [String: String] = [:]
    ) async throws -> XCTHTTPResponse {
        var form = ["name": name, "email": email, "guests": guests]
        form.merge(extra) { _, new in new }
        return try await browser.post(EventsPath.register(.value(event.slug)).path, form)
    }

    static func registration(_ app: Application, _ email: String) async throws -> EventRegistration {
        let found = try await EventRegistration.query(on: app.db).filter(\.$emailKey == email).sort(\.$position, .descending).first()
        return try XCTUnwrap(found)
    }

    static func reload(_ app: Application, _ event: Event) async throws -> Event {
        let found = try await Event.find(event.requireID(), on: app.db)
        return try XCTUnwrap(found)
    }

    static func count(_ app: Application) async throws -> Int {
        try await EventRegistration.query(on: app.db).count()
    }

    /// The newest mailed link to a registration's page whose path ends in `ending` ("" for the page itself).
    static func mailedLink(_ app: Application, to email: String, ending: String) async throws -> String {
        try await app.deliverMail()
        let pattern = "/evenementen/aanmelding/[0-9a-f]{32}-[0-9a-f]{32}" + ending + "(?=\\s)"
        for mail in try MailSink.messages(app: app, to: email).reversed() {
            if let range = mail.text.range(of: pattern, options: .regularExpression) { return String(mail.text[range]) }
        }
        XCTFail("no link ending in \(ending) mailed to \(email)")
        return "/"
    }

    static func subjects(_ app: Application, to email: String) async throws -> [String] {
        try await app.deliverMail()
        return try MailSink.messages(app: app, to: email).map(\.subject)
    }

    /// The manage token of a registration, as its mails carry it.
    static func token(_ app: Application, _ registration: EventRegistration) throws -> String {
        EventTokens.make(.manage, for: try registration.requireID(), app: app)
    }
}
