import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import NIOConcurrencyHelpers
import Vapor
import XCTest

@testable import Dashboard

/// A feature with two indicators whose values the test sets.
private struct Counted: Feature {
    static let signatures = NIOLockedValueBox<Int64>(0)
    let name = "counted"
    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
    func indicators() -> [Indicator] {
        [
            Indicator(key: "manifesto_signatures", unit: "signatures", headlineOrder: 1) { _ in Counted.signatures.withLockedValue { $0 } },
            Indicator(key: "zz_extra", unit: "things") { _ in 7 },
        ]
    }
}

final class DataSnapshotTests: XCTestCase {
    let features: [any Feature] = [DashboardFeature(), Counted()]

    private func snapshotCount(_ app: Application) async throws -> Int {
        try await DashboardSnapshot.query(on: app.db).count()
    }

    func testSnapshotRunTwiceKeepsOneRowPerIndicatorPerDayWithTheLaterValue() async throws {
        try await withApp(features: features) { app in
            Counted.signatures.withLockedValue { $0 = 120 }
            let first = try await TakeSnapshots(app: app).run()
            guard case .taken(_, let inserted, let updated, let indicators) = first else { return XCTFail() }
            XCTAssertEqual(inserted, 2)
            XCTAssertEqual(updated, 0)
            XCTAssertEqual(indicators, 2)
            Counted.signatures.withLockedValue { $0 = 130 }
            let second = try await TakeSnapshots(app: app).run()
            guard case .taken(_, let again, let refreshed, _) = second else { return XCTFail() }
            XCTAssertEqual(again, 0)
            XCTAssertEqual(refreshed, 2)
            let count = try await snapshotCount(app)
            XCTAssertEqual(count, 2)
            // A later run of the same day wins: the day's row holds its value late in the day.
            let history = try await DashboardBoard.history(key: "manifesto_signatures", app: app)
            XCTAssertEqual(history.map(\.value), [130])
            let row = try await DashboardSnapshot.query(on: app.db).filter(\.$key == "manifesto_signatures").first()
            XCTAssertEqual(row?.takenAt.timeIntervalSince1970 ?? 0, app.clock.now().timeIntervalSince1970, accuracy: 1)
            let problems = try await DashboardVerify.problems(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheJobRunsLateInTheSameAmsterdamDayAllYear() throws {
        XCTAssertEqual(TakeSnapshots.scheduled.map(\.hour), [TakeSnapshots.hourUTC])
        let utc = TimeZone(identifier: "UTC")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        // Winter, summer, the days the clocks change, and New Year's Eve: the run is on that day in Amsterdam.
        for day in ["2026-01-15", "2026-03-29", "2026-07-01", "2026-10-25", "2026-12-31"] {
            let parts = day.split(separator: "-").map { Int($0)! }
            let run = try XCTUnwrap(
                calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: TakeSnapshots.hourUTC)))
            XCTAssertEqual(AmsterdamTime.day(run), day, "the \(TakeSnapshots.hourUTC):00 UTC run belongs to \(day)")
        }
    }

    func testTwoInstancesAtOnceWriteOneRowPerIndicator() async throws {
        try await withApp(features: features) { app in
            Counted.signatures.withLockedValue { $0 = 5 }
            async let a = TakeSnapshots(app: app).run()
            async let b = TakeSnapshots(app: app).run()
            async let c = TakeSnapshots(app: app).run()
            let outcomes = try await [a, b, c]
            let inserted = outcomes.map { outcome -> Int in
                if case .taken(_, let n, _, _) = outcome { return n }
                return -1
            }
            let updated = outcomes.map { outcome -> Int in
                if case .taken(_, _, let n, _) = outcome { return n }
                return -1
            }
            XCTAssertEqual(inserted.reduce(0, +), 2)
            XCTAssertEqual(updated.reduce(0, +), 4)
            let count = try await snapshotCount(app)
            XCTAssertEqual(count, 2)
            let history = try await DashboardBoard.history(key: "manifesto_signatures", app: app)
            XCTAssertEqual(history.map(\.value), [5])
        }
    }

    func testFillReplacesTheDaysAllOrNothing() async throws {
        try await withApp(features: features) { app in
            Counted.signatures.withLockedValue { $0 = 40 }
            _ = try await TakeSnapshots(app: app).run()
            let filled = try await FillSnapshots(app: app).run(days: 5)
            XCTAssertEqual(filled, 10)
            let count = try await snapshotCount(app)
            XCTAssertEqual(count, 10, "today's row replaced, not doubled")
            Counted.signatures.withLockedValue { $0 = 50 }
            let again = try await FillSnapshots(app: app).run(days: 5)
            XCTAssertEqual(again, 10)
            let history = try await DashboardBoard.history(key: "manifesto_signatures", app: app)
            XCTAssertEqual(history.count, 5)
            XCTAssertEqual(history.last?.value, 50)
            let problems = try await DashboardVerify.problems(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testBoardListsThePlanInOrderWithHistoryAndNotYetAvailable() async throws {
        try await withApp(features: features) { app in
            Counted.signatures.withLockedValue { $0 = 900 }
            let filled = try await FillSnapshots(app: app).run(days: 30)
            XCTAssertEqual(filled, 60)
            let rows = try await DashboardBoard.rows(app: app)
            XCTAssertEqual(Array(rows.prefix(DashboardBoard.planKeys.count).map(\.key)), DashboardBoard.planKeys.map(\.key))
            XCTAssertEqual(rows.last?.key, "zz_extra")
            let signatures = try XCTUnwrap(rows.first { $0.key == "manifesto_signatures" })
            XCTAssertEqual(signatures.value, 900)
            XCTAssertEqual(signatures.history.count, 30)
            XCTAssertEqual(signatures.history.last?.value, 900)
            XCTAssertEqual(signatures.history.last?.day, AmsterdamTime.day(app.clock.now()))
            XCTAssertTrue(zip(signatures.history, signatures.history.dropFirst()).allSatisfy { $0.day < $1.day })
            XCTAssertEqual(signatures.target, 10_000)
            XCTAssertEqual(signatures.targetYear, 2025)
            let donors = try XCTUnwrap(rows.first { $0.key == "fund_donors" })
            XCTAssertNil(donors.value, "no feature registers it here: not yet available")
            XCTAssertEqual(donors.target, 5_000)
            let raised = try XCTUnwrap(rows.first { $0.key == "fund_raised_cents" })
            XCTAssertEqual(raised.target, 10_000_000, "the reference's fund_donations")
        }
    }

    func testHistoryAPIPagesAndRefusesUnknownKeysAndBadDays() async throws {
        try await withApp(features: features) { app in
            Counted.signatures.withLockedValue { $0 = 300 }
            _ = try await FillSnapshots(app: app).run(days: 10)
            let browser = Browser(app)
            let page = try await browser.get(DashboardPath.apiHistory(.value("manifesto_signatures")).path + "?per_page=4&page=2")
            XCTAssertEqual(page.status, .ok)
            let body = try JSONDecoder().decode(DashboardDataController.HistoryBody.self, from: page.body)
            XCTAssertEqual(body.values.count, 4)
            XCTAssertEqual(page.headers.first(name: "X-Total-Count"), "10")
            let today = AmsterdamTime.day(app.clock.now())
            let ranged = try await browser.get(DashboardPath.apiHistory(.value("manifesto_signatures")).path + "?from=\(today)")
            let one = try JSONDecoder().decode(DashboardDataController.HistoryBody.self, from: ranged.body)
            XCTAssertEqual(one.values, [DashboardPoint(day: today, value: 300)])
            let unknown = try await browser.get(DashboardPath.apiHistory(.value("no_such_thing")).path)
            XCTAssertEqual(unknown.status, .notFound)
            let badDay = try await browser.get(DashboardPath.apiHistory(.value("manifesto_signatures")).path + "?from=2026-02-30")
            XCTAssertEqual(badDay.status, .badRequest)
            let huge = try await browser.get(DashboardPath.apiHistory(.value("manifesto_signatures")).path + "?per_page=1000000000")
            XCTAssertEqual(huge.status, .badRequest)
            let csv = try await browser.get(DashboardPath.apiHistoryCSV(.value("manifesto_signatures")).path)
            XCTAssertEqual(csv.status, .ok)
            XCTAssertTrue(csv.body.string.contains(today))
            let targets = try await browser.get(DashboardPath.apiTargets.path)
            XCTAssertEqual(targets.status, .ok)
            XCTAssertTrue(targets.body.string.contains("\"manifesto_signatures\""))
        }
    }
}
