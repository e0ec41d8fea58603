import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Dashboard

final class DataTargetsTests: XCTestCase {
    func testTargetsComeFromTheReferenceAndFeedTheIndicators() async throws {
        try await withApp(features: [DashboardFeature()]) { app in
            let current = try await app.indicatorTargets(app)
            XCTAssertEqual(current.year, 2025)
            XCTAssertEqual(current.targets["manifesto_signatures"], 10_000)
            XCTAssertEqual(current.targets["fund_raised_cents"], 10_000_000)
            let stored = try await DashboardTarget.query(on: app.db).filter(\.$key == "fund_donations").count()
            XCTAssertEqual(stored, 0, "the alias is stored under the fund's own key")
        }
    }

    func testBadInputIsRefusedAndStoresNothing() async throws {
        try await withApp(features: [DashboardFeature()]) { app in
            let coordinator = try await app.makeUser(roles: [.coordinator])
            try await DashboardTargets.seedIfEmpty(app: app)
            let before = try await DashboardTarget.query(on: app.db).all().map { "\($0.year) \($0.key) \($0.target)" }.sorted()
            let save = SaveTargets(app: app)
            let cases: [(Int, [String: String], String)] = [
                (2025, ["doel-manifesto_signatures": "-5"], "dashboard.targets.error.negative"),
                (2025, ["doel-manifesto_signatures": "99999999999999999999"], "dashboard.targets.error.too_large"),
                (2025, ["doel-manifesto_signatures": "veel"], "dashboard.targets.error.not_a_number"),
                (2025, ["doel-manifesto_signatures": "<script>alert(1)</script>"], "dashboard.targets.error.not_a_number"),
                (2025, ["doel-manifesto_signatures": "12,5"], "dashboard.targets.error.not_a_number"),
                (2025, ["doel-geheim": "5"], "dashboard.targets.error.unknown"),
                (1850, ["doel-manifesto_signatures": "5"], "dashboard.targets.error.year"),
                (2025, [:], "dashboard.targets.error.empty"),
            ]
            for (year, fields, key) in cases {
                let outcome = try await save.run(year: year, fields: fields, by: coordinator)
                guard case .invalid(let problems) = outcome else { return XCTFail("\(fields) was accepted") }
                XCTAssertEqual(problems.first?.messageKey, key, "\(fields)")
            }
            // One bad field refuses the whole form.
            let mixed = try await save.run(
                year: 2025, fields: ["doel-fund_donors": "6000", "doel-manifesto_signatures": "-1"], by: coordinator)
            guard case .invalid = mixed else { return XCTFail() }
            let after = try await DashboardTarget.query(on: app.db).all().map { "\($0.year) \($0.key) \($0.target)" }.sorted()
            XCTAssertEqual(after, before)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "dashboard.targets.saved").count()
            XCTAssertEqual(audits, 0)
        }
    }

    func testCoordinatorSavesTargetsAndStartsANewYear() async throws {
        try await withApp(features: [DashboardFeature()]) { app in
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            let page = try await browser.get(DashboardPath.targets(year: 2025).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("doel-manifesto_signatures"))
            let saved = try await browser.post(
                DashboardPath.saveTargets.path,
                ["jaar": "2025", "doel-manifesto_signatures": "12.000", "doel-fund_raised_cents": "150000", "doel-media_campaigns": ""])
            XCTAssertEqual(saved.status, .seeOther)
            let current = try await app.indicatorTargets(app)
            XCTAssertEqual(current.targets["manifesto_signatures"], 12_000)
            XCTAssertEqual(current.targets["fund_raised_cents"], 15_000_000)
            XCTAssertNil(current.targets["media_campaigns"])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "dashboard.targets.saved").count()
            XCTAssertEqual(audit, 1)
            let bad = try await browser.post(DashboardPath.saveTargets.path, ["jaar": "2025", "doel-fund_donors": "-3"])
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.body.string.contains("error-summary"))
            let started = try await browser.post(DashboardPath.saveTargets.path, ["actie": "nieuw-jaar"])
            XCTAssertEqual(started.status, .seeOther)
            let copied = try await DashboardTarget.query(on: app.db).filter(\.$year == 2026).all()
            XCTAssertEqual(copied.first { $0.key == "manifesto_signatures" }?.target, 12_000)
            let old = try await DashboardTarget.query(on: app.db).filter(\.$year == 2025).count()
            XCTAssertGreaterThan(old, 0, "the old year stays")
            // 2026 is this year in the test clock's world or later: the current year follows it if due.
            let again = try await StartTargetYear(app: app).run(year: 2026, by: try await User.query(on: app.db).first()!)
            XCTAssertEqual(again, .alreadyExists(year: 2026))
        }
    }

    func testTwoCoordinatorsSavingANewYearAtOnceBothSucceedWithOneRowPerTarget() async throws {
        try await withApp(features: [DashboardFeature()]) { app in
            let anna = try await app.makeUser(email: "anna@example.nl", roles: [.coordinator])
            let bram = try await app.makeUser(email: "bram@example.nl", roles: [.coordinator])
            try await DashboardTargets.seedIfEmpty(app: app)
            for year in 2040..<2045 {
                async let a = SaveTargets(app: app).run(
                    year: year, fields: ["doel-manifesto_signatures": "20000", "doel-fund_donors": "700"], by: anna)
                async let b = SaveTargets(app: app).run(
                    year: year, fields: ["doel-manifesto_signatures": "30000", "doel-fund_donors": "800"], by: bram)
                let outcomes = try await [a, b]
                XCTAssertEqual(outcomes, [.saved(year: year, changed: 2), .saved(year: year, changed: 2)], "\(year)")
                let rows = try await DashboardTarget.query(on: app.db).filter(\.$year == year).all()
                XCTAssertEqual(rows.map(\.key).sorted(), ["fund_donors", "manifesto_signatures"], "\(year)")
                let signatures = try XCTUnwrap(rows.first { $0.key == "manifesto_signatures" })
                XCTAssertTrue([20_000, 30_000].contains(signatures.target))
            }
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "dashboard.targets.saved").count()
            XCTAssertEqual(audits, 10)
        }
    }

    func testTwoCoordinatorsStartingTheSameYearAtOnceStartItOnce() async throws {
        try await withApp(features: [DashboardFeature()]) { app in
            let anna = try await app.makeUser(email: "anna@example.nl", roles: [.coordinator])
            let bram = try await app.makeUser(email: "bram@example.nl", roles: [.coordinator])
            let source = try await DashboardTargets.all(app: app)[2025] ?? [:]
            XCTAssertFalse(source.isEmpty)
            for year in 2030..<2035 {
                async let a = StartTargetYear(app: app).run(year: year, by: anna)
                async let b = StartTargetYear(app: app).run(year: year, by: bram)
                let outcomes = try await [a, b]
                XCTAssertTrue(outcomes.contains(.started(year: year, copied: source.count)), "\(year): \(outcomes)")
                XCTAssertTrue(outcomes.contains(.alreadyExists(year: year)), "\(year): \(outcomes)")
                let rows = try await DashboardTarget.query(on: app.db).filter(\.$year == year).count()
                XCTAssertEqual(rows, source.count)
            }
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "dashboard.targets.year_started").count()
            XCTAssertEqual(audits, 5)
        }
    }

    func testErasureForgetsWhoSetATarget() async throws {
        try await withApp(features: [DashboardFeature()]) { app in
            let coordinator = try await app.makeUser(roles: [.coordinator])
            _ = try await SaveTargets(app: app).run(year: 2025, fields: ["doel-fund_donors": "6000"], by: coordinator)
            let exported = try await DashboardData().exportData(of: coordinator, app: app)
            XCTAssertNotNil(exported)
            try await DashboardData().eraseData(of: coordinator, on: app.db)
            let marked = try await DashboardTarget.query(on: app.db).filter(\.$updatedBy != nil).count()
            XCTAssertEqual(marked, 0)
        }
    }
}
