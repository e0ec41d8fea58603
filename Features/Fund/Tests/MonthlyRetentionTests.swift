import Fluent
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import Fund

/// Review of issue #9: a stopped monthly gift is the record behind its paid months, so it keeps
/// its donor as long as they do (7 years after it stopped), and then forgets them too.
final class MonthlyRetentionTests: XCTestCase {
    func testAStoppedMonthlyGiftForgetsItsDonorSevenYearsAfterItStopped() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let now = Date()
            let stopped = try await Self.monthly(app, status: .stopped, stoppedAt: now)
            let running = try await Self.monthly(app, status: .active, stoppedAt: nil)

            // MUT
            try await GiftRetention.purge(now: now.addingTimeInterval(6 * 366 * 86_400), on: app.db)
            let early = try await RecurringGift.find(stopped.id, on: app.db)
            try await GiftRetention.purge(now: now.addingTimeInterval(7 * 366 * 86_400), on: app.db)

            // validation
            XCTAssertEqual(early?.donorEmail, "noa@example.nl", "kept for the fiscal records")
            let erased = try await RecurringGift.find(stopped.id, on: app.db)
            XCTAssertNil(erased?.donorName)
            XCTAssertNil(erased?.donorEmail)
            XCTAssertNil(erased?.organisation)
            XCTAssertNil(erased?.userID)
            XCTAssertEqual(erased?.recurringStatus, .stopped, "it stays stopped")
            XCTAssertEqual(erased?.wall, Gift.Wall.anonymous.rawValue)
            let kept = try await RecurringGift.find(running.id, on: app.db)
            XCTAssertEqual(kept?.donorEmail, "noa@example.nl", "a running monthly gift keeps its donor")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    private static func monthly(_ app: Application, status: RecurringGift.Status, stoppedAt: Date?) async throws -> RecurringGift {
        let recurring = RecurringGift()
        recurring.id = UUID()
        recurring.createdAt = Date().addingTimeInterval(-400 * 86_400)
        recurring.stoppedAt = stoppedAt
        recurring.status = status.rawValue
        recurring.amountCents = 1000
        recurring.donorName = "Noa Cohen"
        recurring.donorEmail = "noa@example.nl"
        recurring.organisation = "Buurthuis De Pijp"
        recurring.language = "nl"
        recurring.wall = Gift.Wall.name.rawValue
        recurring.source = GiftSource.organisation.rawValue
        recurring.customerID = "cst_test1"
        try await recurring.create(on: app.db)
        return recurring
    }
}
