import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// `kracht demo` for initiatives and matching: on an empty database, 40+ public initiatives in
/// every district and domain, `/voor-jou` with reasons for a demo resident, no "past" date in
/// the future, and `kracht verify` clean.
final class DemoCityTests: XCTestCase {
    func testTheDemoFillsTheCityAndGivesFatimaMatchesWithReasons() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let people = try await DemoPeople.create(app: app)

            // MUT
            try await InitiativesFeature().seedDemo(app: app, people: people)
            try await MatchingFeature().seedDemo(app: app, people: people)

            // validation: the city
            let open = try await Initiative.query(on: app.db).filter(\.$status == .approved).all()
            XCTAssertGreaterThanOrEqual(open.count, 40)
            XCTAssertEqual(Set(open.compactMap(\.district)), Set(app.reference.districts.map(\.slug)))
            let ids = open.compactMap(\.id)
            let domains = try await InitiativeDomain.query(on: app.db).filter(\.$initiativeID ~~ ids).all()
            XCTAssertEqual(Set(domains.map(\.domain)), Set(app.reference.domains.map(\.slug)))
            let pending = try await Initiative.query(on: app.db).filter(\.$status == .pending).count()
            XCTAssertGreaterThan(pending, 0)
            let kinds = Set(try await InitiativeAction.query(on: app.db).all().map(\.kind))
            XCTAssertEqual(kinds.count, 3)
            let states = Set(try await Participation.query(on: app.db).all().map(\.state))
            XCTAssertEqual(states, Set(Participation.State.allCases))
            let hours = Set(try await VolunteerHours.query(on: app.db).all().map(\.state))
            XCTAssertTrue(hours.isSuperset(of: [.confirmed, .pending]))
            let indexed = try await InitiativeSearch.index.count(on: app.db)
            XCTAssertEqual(indexed, open.count)

            // every date that should be past is past
            let now = app.clock.now()
            let past: [Date] =
                open.flatMap { [$0.createdAt, $0.updatedAt] + [$0.decidedAt].compactMap { $0 } }
                + (try await InitiativeAction.query(on: app.db).all()).flatMap { [$0.createdAt, $0.updatedAt] }
                + (try await Participation.query(on: app.db).all()).flatMap { [$0.createdAt] + [$0.decidedAt].compactMap { $0 } }
                + (try await VolunteerHours.query(on: app.db).all()).map(\.createdAt)
                + (try await Appreciation.query(on: app.db).all()).map(\.createdAt)
                + (try await InitiativeFollow.query(on: app.db).all()).map(\.createdAt)
                + (try await Idea.query(on: app.db).all()).map(\.createdAt)
                + (try await IdeaSupporter.query(on: app.db).all()).map(\.createdAt)
                + (try await PlatformMessage.query(on: app.db).all()).map(\.createdAt)
            XCTAssertEqual(past.filter { $0 > now }, [])
            let days = (try await VolunteerHours.query(on: app.db).all()).map(\.workedOn)
            XCTAssertEqual(days.filter { $0 > AmsterdamTime.day(now) }, [])
            let tasks = try await InitiativeAction.query(on: app.db).filter(\.$kind == .task).all()
            XCTAssertEqual(tasks.filter { ($0.startsAt ?? now) <= now }.map(\.title), [], "tasks lie ahead")

            // Fatima's /voor-jou: the Tuesday cooking in De Pijp, with its reasons in words
            let browser = Browser(app)
            try await browser.logIn("fatima@demo.krachtvanmokum.nl", DemoPeople.password)
            let page = try await browser.get(MatchingPath.forYou.path)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Koken voor de dinsdagmaaltijd"), html)
            XCTAssertTrue(html.contains("koken"))
            XCTAssertTrue(html.contains("De Pijp"))
            XCTAssertTrue(html.contains("Armoede"))

            // the weekly digest has news for the demo residents
            let digest = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: true)
            XCTAssertGreaterThan(digest.mails, 0)

            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
            let matchingProblems = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(matchingProblems, [])
        }
    }
}
