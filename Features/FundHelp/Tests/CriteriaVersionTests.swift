import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The criteria are data: version 1 in every fund language, and the committee publishes the
/// next version, validated, from a day not before today, ending the one before.
final class CriteriaVersionTests: XCTestCase {
    func testTheFirstVersionHasFourCriteriaInEveryLanguage() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // MUT
            let version = try await CriteriaVersion.current(on: app.db)

            // validation
            XCTAssertEqual(version?.version, 1)
            XCTAssertEqual(version?.criteria.map(\.key), ["acute", "no_provision", "amsterdam", "limits"])
            for criterion in version?.criteria ?? [] {
                XCTAssertEqual(Set(criterion.title.keys), Set(Language.allCases.map(\.rawValue)))
                XCTAssertEqual(Set(criterion.explanation.keys), Set(Language.allCases.map(\.rawValue)))
            }
            XCTAssertEqual(version?.perPersonLimitCents, 50_000)
            XCTAssertEqual(version?.perPersonDays, 365)
            XCTAssertEqual(version?.monthlyBudgetCents, 500_000)
            XCTAssertEqual(version?.responseHours, 72)
        }
    }

    func testTheCommitteePublishesANewVersionAndBadInputIsRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: the form as the page prefills it
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let page = try await member.get(FundHelpPath.adminCriteria.path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Tijdelijke en acute nood"))
            let current = try await CriteriaVersion.current(on: app.db)!
            let tomorrow = AmsterdamTime.addingDays(1, to: AmsterdamTime.day(app.clock.now()))
            var form = ["valid_from": tomorrow, "limit": "600", "days": "365", "budget": "6000", "hours": "48"]
            for criterion in current.criteria {
                for (code, title) in criterion.title { form["title-\(criterion.key)-\(code)"] = title }
                for (code, text) in criterion.explanation { form["explanation-\(criterion.key)-\(code)"] = text }
            }

            // MUT: bad input first
            var bad = form
            bad["title-acute-pl"] = " "
            bad["limit"] = "-5"
            bad["hours"] = "100000"
            bad["valid_from"] = "2020-01-01"
            let refused = try await member.post(FundHelpPath.adminCriteria.path, bad)
            XCTAssertEqual(refused.status, .badRequest)
            for message in ["Vul een grens in euro", "Vul een aantal uren in", "Kies een dag vanaf vandaag"] {
                XCTAssertTrue(refused.body.string.contains(message), message)
            }
            let value12 = try await CriteriaVersion.query(on: app.db).count()
            XCTAssertEqual(value12, 1)
            // MUT: then right
            let published = try await member.post(FundHelpPath.adminCriteria.path, form)

            // validation
            XCTAssertEqual(published.status, .seeOther)
            let versions = try await CriteriaVersion.query(on: app.db).sort(\.$version).all()
            XCTAssertEqual(versions.map(\.version), [1, 2])
            XCTAssertEqual(versions[0].validUntil, AmsterdamTime.parseDay(tomorrow))
            XCTAssertEqual(versions[1].perPersonLimitCents, 60_000)
            XCTAssertEqual(versions[1].responseHours, 48)
            XCTAssertEqual(versions[1].criteria, current.criteria)
            let value13 = try await CriteriaVersion.current(on: app.db)?.version
            XCTAssertEqual(value13, 1, "version 2 starts tomorrow")
        }
    }
}
