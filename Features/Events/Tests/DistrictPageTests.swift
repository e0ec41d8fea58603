import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// A resident of West opens their district's page: its monthly meetup with the next dates and
/// places left, its other events, what its past meetups drew, and its calendar feed.
final class DistrictPageTests: XCTestCase {
    func testTheDistrictPageListsItsSeriesOtherEventsAndPastAttendance() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            SeriesTests.pinClock(app)
            let coordinator = try await SeriesTests.coordinator(app)
            try await coordinator.post(EventsPath.newSeries.path, SeriesTests.form())
            let nextFound = try await SeriesTests.occurrences(app).first
            let next = try XCTUnwrap(nextFound)
            next.placesTaken = 4
            try await next.save(on: app.db)
            _ = try await EventFixture.event(app, slug: "actiedag-west", title: "Actiedag West", kind: .actionDay)
            let past = try await EventFixture.event(app, slug: "buurtgesprek-west-oktober", startsIn: -40 * 86_400)
            past.attended = 17
            try await past.save(on: app.db)
            _ = try await EventFixture.event(app, slug: "buurtgesprek-noord", title: "Buurtgesprek Noord", district: "noord")

            // MUT
            let page = try await Browser(app).get(EventsPath.district(.value("west")).path)

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Bijeenkomsten in West"))
            XCTAssertTrue(html.contains("elke tweede woensdag van de maand, 19:30"))
            XCTAssertTrue(html.contains("Buurthuis De Meeuw"))
            XCTAssertTrue(html.contains(EventsPath.event(.value(next.slug)).path))
            XCTAssertTrue(html.contains("nog 26 plaatsen"))
            XCTAssertTrue(html.contains("woensdag 13 januari 2027, 19:30"))
            // Six dates of the twelve.
            XCTAssertFalse(html.contains("woensdag 14 juli 2027"))
            XCTAssertTrue(html.contains("woensdag 9 juni 2027"))
            XCTAssertTrue(html.contains("Actiedag West"))
            XCTAssertFalse(html.contains("Buurtgesprek Noord"))
            XCTAssertTrue(html.contains("17 bezoekers bij 1 bijeenkomst."))
            XCTAssertTrue(html.contains(EventsPath.districtFeed(.value("west")).path))
            XCTAssertFalse(html.contains("Reeks aanpassen"), "an anonymous visitor is offered to edit")

            // The coordinator is offered the series' form.
            let own = try await coordinator.get(EventsPath.district(.value("west")).path)
            XCTAssertTrue(own.body.string.contains("Reeks aanpassen"))
        }
    }

    func testPastAttendanceIsSaidInWordsThatAgreeWithTheCounts() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: nothing has taken place in Noord yet; in West one person came to two meetups
            let path = EventsPath.district(.value("west")).path
            let none = try await Browser(app).get(EventsPath.district(.value("noord")).path)
            for (slug, attended) in [("west-september", 1), ("west-oktober", 0)] {
                let past = try await EventFixture.event(app, slug: slug, startsIn: -40 * 86_400)
                past.attended = attended
                try await past.save(on: app.db)
            }

            // MUT
            let dutch = try await Browser(app).get(path)
            let english = try await Browser(app).get(path, headers: ["Accept-Language": "en"])

            // validation
            XCTAssertTrue(none.body.string.contains("Er zijn hier nog geen buurtgesprekken geweest."))
            XCTAssertFalse(none.body.string.contains("0 bezoekers"))
            XCTAssertTrue(dutch.body.string.contains("1 bezoeker bij 2 bijeenkomsten."))
            XCTAssertTrue(english.body.string.contains("1 attendee at 2 meetups."))
        }
    }

    func testAnUnknownDistrictIsNotFound() async throws {
        try await withApp(features: EventFixture.features) { app in
            // MUT
            let response = try await Browser(app).get("/evenementen/stadsdeel/atlantis")

            // validation
            XCTAssertEqual(response.status, .notFound)
        }
    }
}
