import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// `kracht initiatives fill` with small numbers: the rows it promises, counters and the search
/// index in step (`kracht verify` clean), and a digest over the filled residents.
final class FillTests: XCTestCase {
    func testASmallFillMakesConsistentDataAcrossTheCity() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            var numbers = InitiativesFill.Numbers()
            numbers.initiatives = 60
            numbers.actions = 300
            numbers.profiles = 120
            numbers.skills = 80

            // MUT
            let summary = try await InitiativesFill(app: app, numbers: numbers).run()

            // validation
            XCTAssertEqual(summary.initiatives, 60)
            let value1 = try await Initiative.query(on: app.db).count()
            XCTAssertEqual(value1, 60)
            let value2 = try await InitiativeAction.query(on: app.db).count()
            XCTAssertEqual(value2, 300)
            let value3 = try await ResidentProfile.query(on: app.db).count()
            XCTAssertEqual(value3, 120)
            let value4 = try await Skill.query(on: app.db).count()
            XCTAssertEqual(value4, 80)
            let approved = try await Initiative.query(on: app.db).filter(\.$status == .approved).all()
            XCTAssertEqual(Set(approved.compactMap(\.district)).count, app.reference.districts.count, "every district")
            let domains = try await InitiativeDomain.query(on: app.db).all()
            XCTAssertEqual(Set(domains.map(\.domain)).count, app.reference.domains.count, "every domain")
            let value5 = Set(try await InitiativeAction.query(on: app.db).all().map(\.kind)).count
            XCTAssertEqual(value5, 3)
            let value6 = try await InitiativeSearch.index.count(on: app.db)
            XCTAssertEqual(value6, approved.count)
            let value7 = try await User.find(email: summary.resident, on: app.db)
            XCTAssertNotNil(value7)
            let value8 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(value8, [])
            let value9 = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(value9, [])

            // the digest over them: something for many, nothing written in a dry run
            let digest = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: true)
            XCTAssertEqual(digest.profiles, 120)
            XCTAssertGreaterThan(digest.mails, 0)
            let value10 = try await ResidentProfile.query(on: app.db).filter(\.$lastDigestAt != nil).count()
            XCTAssertEqual(value10, 0)

            // the bench account (scripts/bench/initiatives.sh measures its /voor-jou) signs in and gets actions
            let browser = Browser(app)
            try await browser.logIn(summary.resident, DemoPeople.password)
            let forYou = try await browser.get(MatchingPath.forYou.path)
            XCTAssertEqual(forYou.status, .ok)
            XCTAssertTrue(forYou.body.string.contains("/acties/"), "the bench resident is offered actions")
        }
    }
}
