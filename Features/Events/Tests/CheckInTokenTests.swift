import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Issue #12, items 5 and "bad input": the QR code on a registration's page encodes its check-in
/// link; a forged or reused code, or one of a registration that is gone, opens nothing and changes nothing.
final class CheckInTokenTests: XCTestCase {
    func testAForgedCodeOrOneOfARemovedRegistrationIsNotFoundAndChangesNothing() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            let kept = try await CheckInFixture.register(app, event, name: "Blijft", email: "blijft@example.nl")
            let gone = try await CheckInFixture.register(app, event, name: "Weg", email: "weg@example.nl")
            let goneToken = EventTokens.make(.checkIn, for: try gone.requireID(), app: app)
            try await CheckInFixture.remove(app, gone, of: event)
            let genuine = EventTokens.make(.checkIn, for: try kept.requireID(), app: app)
            let forged = [
                String(genuine.dropLast()) + (genuine.hasSuffix("0") ? "1" : "0"),  // a changed signature
                EventTokens.make(.manage, for: try kept.requireID(), app: app),  // the manage link is no check-in link
                EventTokens.make(.checkIn, for: UUID(), app: app),  // well signed, but nobody's
                goneToken,  // a registration that was removed
                "zomaar-iets", String(repeating: "a", count: 200),
            ]
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")

            for token in forged {
                // MUT
                let shown = try await door.get(EventsPath.checkIn(.value(token)).path)
                let posted = try await door.post(EventsPath.checkIn(.value(token)).path)

                // validation
                XCTAssertEqual(shown.status, .notFound, token)
                XCTAssertTrue(shown.body.string.contains("We kennen deze inchecklink niet."), token)
                XCTAssertEqual(posted.status, .notFound, token)
            }
            let after = try await Event.find(event.id, on: app.db)
            XCTAssertEqual(after?.attended, 0)
            let untouched = try await EventRegistration.find(kept.id, on: app.db)?.checkedInAt
            XCTAssertNil(untouched)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheQRCodeIsTheCheckInLinkForWhoeverHoldsTheManageToken() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app)
            let registration = try await CheckInFixture.register(app, event, name: "Fatima", email: "fatima@example.nl")
            let id = try registration.requireID()
            let manage = EventTokens.make(.manage, for: id, app: app)

            // MUT
            let image = try await Browser(app).get(EventsPath.registrationQRCode(.value(manage)).path)
            let byCheckInToken = try await Browser(app).get(
                EventsPath.registrationQRCode(.value(EventTokens.make(.checkIn, for: id, app: app))).path)
            let forged = try await Browser(app).get(EventsPath.registrationQRCode(.value(String(manage.dropLast()) + "x")).path)

            // validation
            XCTAssertEqual(image.status, .ok)
            XCTAssertEqual(image.headers.contentType?.subType, "svg+xml")
            XCTAssertEqual(image.headers.first(name: .cacheControl), "private, max-age=3600")
            let link = EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: id, app: app))).url(on: app)
            let expected = try QRCode(text: link).svg(
                moduleSize: 6, title: app.catalogue.text("events.checkin.qr_title", in: .nl))
            XCTAssertEqual(image.body.string, expected, "the code encodes the check-in link")
            XCTAssertEqual(byCheckInToken.status, .notFound, "the check-in token does not open the manage side")
            XCTAssertEqual(forged.status, .notFound)
        }
    }

    func testTheRegistrationPageShowsTheCheckInLinkAsTextUnderTheCode() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app)
            let confirmed = try await CheckInFixture.register(app, event, name: "Fatima", email: "fatima@example.nl")
            let waiting = try await CheckInFixture.register(app, event, name: "Jan", email: "jan@example.nl", status: .waitlisted)
            func page(_ registration: EventRegistration) async throws -> String {
                let manage = EventTokens.make(.manage, for: try registration.requireID(), app: app)
                return try await Browser(app).get(EventsPath.registration(.value(manage)).path).body.string
            }

            // MUT
            let fatima = try await page(confirmed)
            let jan = try await page(waiting)

            // validation: a phone that cannot scan, or a forwarded mail, gets the same link as the code
            let link = EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: try confirmed.requireID(), app: app))).url(on: app)
            XCTAssertTrue(fatima.contains("<summary>Lukt scannen niet? De organisator kan deze link openen</summary>"), fatima)
            XCTAssertTrue(fatima.contains("href=\"\(link)\""))
            XCTAssertFalse(jan.contains("<details"), "no check-in link without a confirmed place")
        }
    }
}
