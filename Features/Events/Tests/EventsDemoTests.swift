import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTest

@testable import Events

/// `kracht demo`'s events and `kracht events fill`: what the demo promises (the launch with its
/// attendance, the benefit evening on the fund's campaign, an action day, a meetup series in all
/// eight districts at 19:30, some nearly full, one with a waitlist) and counters `verify` accepts.
final class EventsDemoTests: XCTestCase {
    func testTheDemoHasTheLaunchTheBenefitTheActionDayAndMeetupsInEveryDistrict() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let people = try await DemoPeople.create(app: app)
            let now = app.clock.now()

            // MUT
            for feature in app.features { try await feature.seedDemo(app: app, people: people) }

            // validation
            let launchRow = try await Event.query(on: app.db).filter(\.$slug == EventsDemo.launchSlug).first()
            let launch = try XCTUnwrap(launchRow)
            XCTAssertEqual(launch.kind, .launch)
            XCTAssertEqual(launch.capacity, 200)
            XCTAssertTrue(launch.hasEnded(at: now))
            XCTAssertTrue((130...150).contains(launch.attended), "about 140 came: \(launch.attended)")
            let walkIns = try await EventRegistration.query(on: app.db).filter(\.$eventID == launch.requireID())
                .filter(\.$walkIn == true).count()
            XCTAssertGreaterThan(walkIns, 0)
            let benefitRow = try await Event.query(on: app.db).filter(\.$slug == EventsDemo.benefitSlug).first()
            let benefit = try XCTUnwrap(benefitRow)
            let campaign = try await FundCampaign.find(slug: "winterhulp", on: app.db)
            XCTAssertEqual(benefit.kind, .benefit)
            XCTAssertEqual(benefit.capacity, 120)
            XCTAssertNotNil(campaign?.id)
            XCTAssertEqual(benefit.campaignID, campaign?.id)
            XCTAssertGreaterThan(benefit.placesTaken, 0)
            XCTAssertTrue((17...25).contains(Int(benefit.startsAt.timeIntervalSince(now) / 86_400)), "in about three weeks")
            let actionDayRow = try await Event.query(on: app.db).filter(\.$slug == EventsDemo.actionDaySlug).first()
            let actionDay = try XCTUnwrap(actionDayRow)
            XCTAssertEqual(actionDay.kind, .actionDay)
            XCTAssertNotNil(actionDay.initiativeID)

            let series = try await EventSeries.query(on: app.db).all()
            XCTAssertEqual(Set(series.compactMap(\.district)), Set(app.reference.districts.map(\.slug)))
            XCTAssertEqual(Set(series.map(\.rule)).count, series.count, "a different evening per district")
            for one in series {
                let occurrences = try await Event.query(on: app.db).filter(\.$seriesID == one.requireID()).all()
                XCTAssertTrue((5...7).contains(occurrences.count), "\(one.title): \(occurrences.count) meetings in six months")
                for occurrence in occurrences {
                    XCTAssertEqual(AmsterdamTime.format(occurrence.startsAt, "HH:mm", in: .nl), "19:30")
                    let weekday = AmsterdamTime.calendar.component(.weekday, from: occurrence.startsAt)
                    XCTAssertTrue((2...6).contains(weekday), "a weekday evening")
                }
            }
            let meetups = try await Event.query(on: app.db).filter(\.$kind == .meetup).all()
            XCTAssertEqual(meetups.filter { $0.isFull && $0.waitlisted > 0 }.count, 1, "one full, with a waitlist")
            XCTAssertGreaterThanOrEqual(meetups.filter { !$0.isFull && $0.placesLeft <= 5 }.count, 2, "some nearly full")
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testFillMakesFutureEventsOverDistrictsAndKindsAndARaceEvent() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let now = app.clock.now()

            // MUT
            let first = try await EventsFill(app: app).events(200)
            let race = try await EventsFill(app: app).raceEvent(places: 50)

            // validation
            let events = try await Event.query(on: app.db).all()
            XCTAssertEqual(events.count, 201)
            XCTAssertNotNil(events.first { $0.slug == first })
            XCTAssertTrue(events.allSatisfy { $0.startsAt > now && $0.startsAt < now.addingTimeInterval(2 * 366 * 86_400) })
            XCTAssertEqual(Set(events.compactMap(\.district)), Set(app.reference.districts.map(\.slug)))
            XCTAssertEqual(Set(events.map(\.kind)), Set(Event.Kind.allCases))
            XCTAssertEqual(Set(events.map(\.slug)).count, events.count)
            let target = try XCTUnwrap(events.first { $0.slug == race })
            XCTAssertEqual(target.capacity, 50)
            XCTAssertTrue(target.registrationIsOpen(at: now))
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
