import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import XCTest

@testable import Matching

/// `/voor-jou` over 10,000 open actions, in-process (no network, a debug build unless run with
/// `-c release`): a smoke check of the catalogue path the benchmark (`scripts/bench/initiatives.sh`)
/// measures properly. Slow to fill, so it runs only with `KRACHT_MATCHING_PERF=1`.
final class ForYouPerformanceTests: XCTestCase {
    func testForYouOverTenThousandActions() async throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["KRACHT_MATCHING_PERF"] == "1", "set KRACHT_MATCHING_PERF=1")
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fill = InitiativesFill(app: app, numbers: .init(initiatives: 500, actions: 10_000, profiles: 5_000, skills: 300))
            let summary = try await fill.run()
            let browser = Browser(app)
            try await browser.logIn(summary.resident, DemoPeople.password)
            let catalogue = try await app.openActionCatalogue.current(on: app.db, app: app)
            let resident = try await User.query(on: app.db).filter(\User.$email == summary.resident).first()
            let loaded = try await ProfileData.load(try XCTUnwrap(resident).requireID(), on: app.db)
            let profile = try XCTUnwrap(loaded)
            XCTAssertGreaterThan(catalogue.actions.count, 5_000)
            _ = try await browser.get(MatchingPath.forYou.path)

            // MUT
            var scoring: [Double] = []
            for _ in 0..<200 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = catalogue.best(for: profile.match, limit: 20, now: Date())
                scoring.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            var pages: [Double] = []
            for _ in 0..<200 {
                let start = DispatchTime.now().uptimeNanoseconds
                let page = try await browser.get(MatchingPath.forYou.path)
                pages.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                XCTAssertEqual(page.status, .ok)
            }
            var baseline: [Double] = []
            for _ in 0..<200 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await browser.get("/account")
                baseline.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            var queries: [Double] = []
            for _ in 0..<200 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await app.openActionCatalogue.current(on: app.db, app: app)
                _ = try await ProfileData.load(profile.match.userID, on: app.db)
                queries.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            // validation
            func p(_ values: [Double], _ q: Double) -> Double { values.sorted()[Int(Double(values.count - 1) * q)] }
            print(
                "matching perf (\(app.db.isPostgres ? "PostgreSQL" : "SQLite"), \(catalogue.actions.count) open actions):",
                "scoring p50 \(p(scoring, 0.5)) ms p99 \(p(scoring, 0.99)) ms;",
                "page p50 \(p(pages, 0.5)) ms p99 \(p(pages, 0.99)) ms;",
                "version + profile queries p50 \(p(queries, 0.5)) ms p99 \(p(queries, 0.99)) ms;",
                "/account (baseline) p50 \(p(baseline, 0.5)) ms p99 \(p(baseline, 0.99)) ms")
        }
    }
}
