import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Dashboard

/// `/dashboard` is kept two seconds per language, but a coordinator's new targets and a new
/// snapshot show at once: both clear the drawn pages with the board they were drawn from.
final class PageCacheTests: XCTestCase {
    func testSavedTargetsAndANewSnapshotShowOnTheNextViewWithinTheTwoSeconds() async throws {
        try await withApp(features: PageFixture.features) { app in
            // setup: the page drawn (and kept) before the changes
            let coordinator = try await app.makeUser(roles: [.coordinator])
            let (year, _) = try await app.indicatorTargets(app)
            let before = try await Browser(app).get(DashboardPath.dashboard.path).body.string
            XCTAssertFalse(before.contains("ind-manifesto-signatures-trend-title"), "no history yet, no trend")
            let again = try await Browser(app).get(DashboardPath.dashboard.path).body.string
            XCTAssertEqual(again, before, "a view within two seconds is the kept page")

            // MUT
            let saved = try await SaveTargets(app: app).run(
                year: year, fields: ["doel-manifesto_signatures": "98765"], by: coordinator)
            let afterTargets = try await Browser(app).get(DashboardPath.dashboard.path).body.string
            _ = try await TakeSnapshots(app: app).run()
            let afterSnapshot = try await Browser(app).get(DashboardPath.dashboard.path).body.string

            // validation
            XCTAssertEqual(saved, .saved(year: year, changed: 1))
            XCTAssertContains(afterTargets, "Doel voor \(year): 98.765")
            XCTAssertFalse(afterTargets.contains("ind-manifesto-signatures-trend-title"))
            XCTAssertContains(afterSnapshot, "ind-manifesto-signatures-trend-title")
        }
    }
}
