import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import FundHelp

/// `kracht demo` leaves the fund's help in every state, sealed and booked as real cases are, so
/// the demo committee and treasurer can walk the whole flow and `kracht verify` stays clean.
final class DemoTests: XCTestCase {
    func testTheDemoHasCasesInEveryStateAndTheBooksStayClean() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let people = try await DemoPeople.create(app: app)

            // MUT
            for feature in app.features { try await feature.seedDemo(app: app, people: people) }

            // validation
            let cases = try await SupportApplication.query(on: app.db).all()
            XCTAssertEqual(cases.count, DemoCases.all.count)
            XCTAssertEqual(Set(cases.map(\.statusValue)), Set(SupportApplication.Status.allCases))
            XCTAssertEqual(Set(cases.map(\.languageValue)), Set(Language.allCases))
            XCTAssertEqual(cases.filter { $0.erasedAt != nil }.count, 1)
            XCTAssertTrue(cases.filter { $0.erasedAt == nil }.allSatisfy { $0.nameSealed?.hasPrefix("k") == true })
            let referred = try XCTUnwrap(cases.first { $0.channel == SupportApplication.Channel.referrer.rawValue })
            let referrer = try await User.find(email: "verwijzer@demo.krachtvanmokum.nl", on: app.db)
            XCTAssertEqual(referred.referrerID, referrer?.id)
            let second = try await User.find(email: "fonds2@demo.krachtvanmokum.nl", on: app.db)
            let secondRoles = try await second?.roles(on: app.db) ?? []
            XCTAssertTrue(secondRoles.contains(.fundCommittee))
            let proposal = try await SupportDecision.query(on: app.db).filter(\.$state == "proposed").all()
            XCTAssertEqual(proposal.map(\.proposedBy), [people.fundCommittee.id!], "fonds@ proposed it: fonds2@ can approve it")
            let questions = try await SupportMessage.query(on: app.db).filter(\.$author == "committee").count()
            XCTAssertEqual(questions, 1)
            let paid = try await SupportPayout.query(on: app.db).filter(\.$state == "paid").count()
            XCTAssertEqual(paid, 3)
            // every date is in the past: no case applied for, proposed or decided after today
            let now = app.clock.now()
            let applied = try await SupportApplication.query(on: app.db).all().map(\.createdAt)
            let proposed = try await SupportDecision.query(on: app.db).all().map(\.proposedAt)
            XCTAssertTrue((applied + proposed).allSatisfy { $0 <= now }, "a demo date lies after today")
            let problems = try await FundFeature().verify(app: app) + FundHelpFeature().verify(app: app)
            XCTAssertEqual(problems, [])
            let figures = try await SupportFigures.read(at: app.clock.now(), on: app.db)
            XCTAssertEqual(figures.total.applications, Int64(DemoCases.all.count))
            XCTAssertNotNil(figures.medianDaysToDecision, "six decisions: enough to show how long they take")
        }
    }
}
