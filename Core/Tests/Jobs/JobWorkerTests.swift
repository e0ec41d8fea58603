import Fluent
import KrachtCore
import KrachtTesting
import NIOConcurrencyHelpers
import Vapor
import XCTest

/// Records which jobs ran, across app instances in this process.
private let runs = NIOLockedValueBox<[String]>([])

private struct RecordingFeature: Feature {
    let name = "recording"
    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
    func jobs() -> [JobDefinition] {
        [
            JobDefinition(kind: "test.record") { _, payload in
                try await Task.sleep(for: .milliseconds(2))
                runs.withLockedValue { $0.append(payload) }
            },
            JobDefinition(kind: "test.flaky", maxAttempts: 2) { _, _ in throw Abort(.internalServerError) },
        ]
    }
}

final class JobWorkerTests: XCTestCase {
    func testTwoInstancesOnOneDatabaseRunEachJobOnce() async throws {
        try await withApp { first in
            // setup: a second instance on the same database
            let second = try await Application.make(.testing)
            try await configureKracht(second, config: first.config, features: [RecordingFeature()])
            first.features.append(RecordingFeature())
            runs.withLockedValue { $0 = [] }
            for n in 0..<120 { try await JobQueue.enqueue("test.record", payload: "job-\(n)", runAt: first.clock.now(), on: first.db) }

            // MUT: both drain the queue at the same time
            async let a: Void = Self.drain(first)
            async let b: Void = Self.drain(second)
            _ = try await (a, b)
            try await second.asyncShutdown()

            // validation
            let ran = runs.withLockedValue { $0 }
            XCTAssertEqual(ran.count, 120, "every job ran exactly once in total")
            XCTAssertEqual(Set(ran).count, 120, "no job ran twice")
            let done = try await Job.query(on: first.db).filter(\.$status == "done").count()
            XCTAssertEqual(done, 120)
        }
    }

    func testAFailingJobIsRetriedThenMarkedFailed() async throws {
        try await withApp { app in
            app.features.append(RecordingFeature())
            try await JobQueue.enqueue("test.flaky", runAt: app.clock.now(), maxAttempts: 2, on: app.db)
            try await JobWorker(app: app).runDue()
            let firstRun = try await Job.query(on: app.db).first()
            var job = try XCTUnwrap(firstRun)
            XCTAssertEqual(job.status, "queued")
            XCTAssertEqual(job.attempts, 1)
            app.clock.advance(by: 31)
            try await JobWorker(app: app).runDue()
            let lastRun = try await Job.query(on: app.db).first()
            job = try XCTUnwrap(lastRun)
            XCTAssertEqual(job.status, "failed")
        }
    }

    func testScheduledJobsAreEnqueuedOncePerDayWhateverTheNumberOfInstances() async throws {
        try await withApp { app in
            let worker = JobWorker(app: app)
            app.clock.advance(by: Self.secondsUntilNextNoonUTC(from: app.clock.now()))
            for _ in 0..<3 { try await worker.enqueueScheduled() }
            let purgesToday = try await Job.query(on: app.db).filter(\.$kind == "retention.purge").count()
            XCTAssertEqual(purgesToday, 1)
            app.clock.advance(by: 86400)
            try await worker.enqueueScheduled()
            try await worker.enqueueScheduled()
            let purgesTomorrow = try await Job.query(on: app.db).filter(\.$kind == "retention.purge").count()
            XCTAssertEqual(purgesTomorrow, 2)
        }
    }

    func testRetentionPurgeRemovesUsedLinksAndOldRateLimitWindows() async throws {
        try await withApp { app in
            let user = try await app.makeUser()
            let (token, _) = AccountToken.issue(for: try user.requireID(), purpose: .resetPassword, lifetime: 60, now: app.clock.now())
            try await token.create(on: app.db)
            try await RateLimiter(name: "t", limit: 5, window: 60).hit("k", now: app.clock.now(), on: app.db)
            app.clock.advance(by: 2 * 86400)
            try await RetentionPurge.run(app)
            let tokensLeft = try await AccountToken.query(on: app.db).count()
            XCTAssertEqual(tokensLeft, 0)
            let rateLimitRow = try await app.db.sql.raw("SELECT hits FROM rate_limits").first()
            XCTAssertNil(rateLimitRow)
        }
    }

    /// The purge is due from 02:00 UTC; the test runs at noon so it passes whatever the hour on the machine.
    private static func secondsUntilNextNoonUTC(from now: Date) -> TimeInterval {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let noon = utc.nextDate(after: now, matching: DateComponents(hour: 12, minute: 0, second: 0), matchingPolicy: .nextTime)!
        return noon.timeIntervalSince(now)
    }

    private static func drain(_ app: Application) async throws {
        let worker = JobWorker(app: app)
        var idle = 0
        while idle < 3 {
            if try await worker.runDue(limit: 5) == 0 { idle += 1 } else { idle = 0 }
        }
    }
}
