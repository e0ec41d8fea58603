import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// The subscribable feeds: every event from a month ago on, a district's, and a person's own
/// behind a private token that a reset makes worthless.
final class FeedTests: XCTestCase {
    func testThePublicFeedsHoldTheirEventsAndMayBeCached() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let west = try await EventFixture.event(app, slug: "buurtgesprek-west", district: "west")
            let noord = try await EventFixture.event(app, slug: "buurtgesprek-noord", title: "Buurtgesprek Noord", district: "noord")
            let old = try await EventFixture.event(app, slug: "lang-geleden", startsIn: -40 * 86_400, district: "west")
            let browser = Browser(app)

            // MUT
            let all = try await browser.get(EventsPath.feed.path)
            let district = try await browser.get(EventsPath.districtFeed(.value("west")).path)
            let unknown = try await browser.get(EventsPath.districtFeed(.value("atlantis")).path)

            // validation
            func uids(_ response: XCTHTTPResponse) -> Set<String> {
                Set(ParsedCalendar(String(buffer: response.body)).components("VEVENT").compactMap { $0.value("UID") })
            }
            func uid(_ event: Event) -> String { "\(event.id!.uuidString.lowercased())@kracht.test" }
            XCTAssertEqual(all.status, .ok)
            XCTAssertEqual(all.headers.first(name: .contentType), "text/calendar; charset=utf-8")
            XCTAssertEqual(all.headers.first(name: .cacheControl), "public, max-age=300")
            XCTAssertFalse(all.headers.contains(name: .setCookie), "a shared cache keeps no one's cookie")
            XCTAssertEqual(uids(all), [uid(west), uid(noord)], "not the event of 40 days ago")
            XCTAssertEqual(uids(district), [uid(west)])
            XCTAssertEqual(ParsedCalendar(String(buffer: district.body)).value("X-WR-CALNAME"), "De Kracht van Mokum: evenementen in West")
            XCTAssertEqual(district.headers.first(name: .cacheControl), "public, max-age=300")
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertNotNil(old.id)
        }
    }

    func testThePersonalFeedHoldsMyPlacesAndAResetTokenIsGone() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Fatima holds a place at one event, waits for another, cancelled a third
            let fatima = try await app.makeUser(name: "Fatima", email: "fatima@example.nl")
            let other = try await app.makeUser(name: "Daan", email: "daan@example.nl")
            let going = try await EventFixture.event(app, slug: "ik-ga")
            let waiting = try await EventFixture.event(app, slug: "ik-wacht")
            let cancelled = try await EventFixture.event(app, slug: "ik-ga-niet")
            let notMine = try await EventFixture.event(app, slug: "niet-van-mij")
            try await CalendarFixture.register(app, going, email: fatima.email, user: fatima)
            try await CalendarFixture.register(app, waiting, email: fatima.email, status: .waitlisted, user: fatima)
            try await CalendarFixture.register(app, cancelled, email: fatima.email, status: .cancelled, user: fatima)
            try await CalendarFixture.register(app, notMine, email: other.email, user: other)
            let browser = Browser(app)
            try await browser.logIn(fatima.email)
            let section = try await PersonalFeedSection.load(for: fatima, req: Request(application: app, on: app.eventLoopGroup.next()))
            let path = try XCTUnwrap(section.httpsURL.components(separatedBy: "kracht.test").last)

            // MUT: the feed, by a calendar app without any cookie
            let feed = try await Browser(app).get(path)

            // validation
            XCTAssertEqual(feed.status, .ok)
            XCTAssertEqual(feed.headers.first(name: .cacheControl), "private, max-age=300")
            let summaries = ParsedCalendar(String(buffer: feed.body)).components("VEVENT").compactMap { $0.value("UID") }
            XCTAssertEqual(
                Set(summaries), Set([going, waiting].map { "\($0.id!.uuidString.lowercased())@kracht.test" }))
            XCTAssertTrue(section.webcalURL.hasPrefix("webcal://kracht.test/evenementen/mijn/agenda/"))
            XCTAssertEqual(section.webcalURL.dropFirst("webcal".count), section.httpsURL.dropFirst("http".count))
            let again = try await PersonalFeedSection.load(for: fatima, req: Request(application: app, on: app.eventLoopGroup.next()))
            XCTAssertEqual(again.httpsURL, section.httpsURL, "the address stays until a reset")

            // validation: "my events" shows the address, how to subscribe and the reset button
            let mine = try await browser.get(EventsPath.mine.path)
            XCTAssertEqual(mine.status, .ok)
            let page = String(buffer: mine.body)
            XCTAssertTrue(page.contains("href=\"\(section.webcalURL)\""), page)
            XCTAssertTrue(page.contains("value=\"\(section.httpsURL)\""), page)
            XCTAssertTrue(page.contains("action=\"\(EventsPath.resetFeed.path)\""), page)

            // MUT: a forged token, and a reset
            let forged = try await Browser(app).get(String(path.dropLast(4)) + "abcd")
            let reset = try await browser.post(EventsPath.resetFeed.path)
            let old = try await Browser(app).get(path)
            let fresh = try await PersonalFeedSection.load(for: fatima, req: Request(application: app, on: app.eventLoopGroup.next()))

            // validation
            XCTAssertEqual(forged.status, .notFound)
            XCTAssertEqual(reset.status, .seeOther)
            XCTAssertEqual(reset.headers.first(name: .location), EventsPath.mine.path)
            XCTAssertEqual(old.status, .notFound, "the old address stops working")
            XCTAssertNotEqual(fresh.httpsURL, section.httpsURL)
            let freshPath = try XCTUnwrap(fresh.httpsURL.components(separatedBy: "kracht.test").last)
            let freshFeed = try await Browser(app).get(freshPath)
            XCTAssertEqual(freshFeed.status, .ok)
            let anonymousReset = try await Browser(app).post(EventsPath.resetFeed.path)
            XCTAssertEqual(anonymousReset.status, .unauthorized, "only for the signed-in")
        }
    }
}
