import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The published criteria: the version in force with its limits, in the visitor's language, and
/// the earlier versions with the dates they were valid.
final class CriteriaPublicPageTests: XCTestCase {
    func testTheCurrentCriteriaAndTheEarlierVersionsAreShown() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: version 2 since yesterday replaces the seeded version 1
            let firstRow = try await CriteriaVersion.query(on: app.db).filter(\.$version == 1).first()
            let first = try XCTUnwrap(firstRow)
            let yesterday = Date().addingTimeInterval(-86_400)
            first.validUntil = yesterday
            try await first.save(on: app.db)
            let second = CriteriaVersion()
            second.version = 2
            second.validFrom = yesterday
            second.criteria = first.criteria
            second.perPersonLimitCents = 60_000
            second.perPersonDays = 180
            second.monthlyBudgetCents = 600_000
            second.responseHours = 48
            second.createdAt = Date()
            try await second.create(on: app.db)

            // MUT
            let dutch = try await Browser(app).get(FundHelpPath.criteria.path)
            let polish = Browser(app)
            polish.cookies[Language.cookieName] = "pl"
            let inPolish = try await polish.get(FundHelpPath.criteria.path)

            // validation
            XCTAssertEqual(dutch.status, .ok)
            let page = dutch.body.string
            XCTAssertTrue(page.contains("versie 2"))
            XCTAssertTrue(page.contains("Je woont in Amsterdam"))
            XCTAssertTrue(page.contains("hoogstens € 600,00 per 180 dagen"))
            XCTAssertTrue(page.contains("48 uur"))
            XCTAssertTrue(page.contains("Versie 1: van 1 januari 2025 tot"))
            XCTAssertTrue(inPolish.body.string.contains("Mieszkasz w Amsterdamie"))
            XCTAssertTrue(inPolish.body.string.contains("lang=\"pl\""))
        }
    }
}
