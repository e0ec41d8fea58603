import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// `/evenementen/mijn`: where I am going, where I went, and what I organise.
final class MineTests: XCTestCase {
    func testMyEventsListMyRegistrationsAndTheEventsIOrganise() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Joost is registered for one event, went to another, and organises a third
            let joost = try await app.makeUser(name: "Joost", email: "joost@example.nl")
            let coming = try await EventFixture.event(app, slug: "buurtgesprek-oost", title: "Buurtgesprek Oost")
            let gone = try await EventFixture.event(app, slug: "lancering", title: "De lancering", startsIn: 3 * 86_400)
            let own = try await EventFixture.event(app, slug: "actiedag", title: "Actiedag Noord", organiser: joost)
            let browser = Browser(app)
            try await browser.logIn("joost@example.nl")
            try await browser.post(EventsPath.register(.value(coming.slug)).path, ["guests": "1"])
            try await browser.post(EventsPath.register(.value(gone.slug)).path, ["guests": "0"])
            app.clock.advance(by: 4 * 86_400)

            // MUT
            let page = try await browser.get(EventsPath.mine.path)

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            let upcoming = try XCTUnwrap(html.range(of: "Waar ik heen ga"))
            let past = try XCTUnwrap(html.range(of: "<h2 id=\"mine-past\">"))
            let comingAt = try XCTUnwrap(html.range(of: "Buurtgesprek Oost"))
            let goneAt = try XCTUnwrap(html.range(of: "De lancering"))
            XCTAssertTrue(upcoming.upperBound < comingAt.lowerBound && comingAt.upperBound < past.lowerBound)
            XCTAssertTrue(past.upperBound < goneAt.lowerBound)
            XCTAssertTrue(html.contains("Actiedag Noord"))
            XCTAssertTrue(html.contains(EventsPath.attendees(.value(own.slug)).path))
            XCTAssertTrue(html.contains("/evenementen/aanmelding/"))

            // someone not signed in is sent to log in
            let anonymous = try await Browser(app).get(EventsPath.mine.path)
            XCTAssertNotEqual(anonymous.status, .ok)
        }
    }
}
