import KrachtCore
import KrachtTesting
import NIOConcurrencyHelpers
import Vapor
import XCTest

/// A clock the test moves by hand.
private final class TestClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)
    private let start = Date()
    func now() -> Date { start.addingTimeInterval(offset.withLockedValue { $0 }) }
    func advance(_ seconds: TimeInterval) { offset.withLockedValue { $0 += seconds } }
}

private let computations = NIOLockedValueBox(0)

/// One indicator that counts how often the board asks for it.
private struct CountedIndicatorFeature: Feature {
    let name = "counted"
    func routes(_ routes: any RoutesBuilder, app: Application) {}
    func indicators() -> [Indicator] {
        [
            Indicator(key: "counted", unit: "reads") { _ in
                Int64(
                    computations.withLockedValue {
                        $0 += 1
                        return $0
                    })
            }
        ]
    }
}

final class ExpiringCacheTests: XCTestCase {
    func testAValueIsComputedOnceUntilItIsOlderThanMaxAge() async throws {
        // setup
        let clock = TestClock()
        let cache = ExpiringCache<Int>(maxAge: 2, now: { clock.now() })
        let calls = NIOLockedValueBox(0)
        let compute: @Sendable () async throws -> Int = {
            calls.withLockedValue {
                $0 += 1
                return $0
            }
        }

        // MUT
        let first = try await cache.value(compute)
        clock.advance(1.9)
        let stillCached = try await cache.value(compute)
        clock.advance(0.2)
        let recomputed = try await cache.value(compute)

        // validation
        XCTAssertEqual([first, stillCached, recomputed], [1, 1, 2])
        XCTAssertEqual(calls.withLockedValue { $0 }, 2)
    }

    func testTheAgeCountsFromWhenTheValueWasReadyNotFromWhenItsComputationBegan() async throws {
        // setup: a computation that takes longer than maxAge
        let clock = TestClock()
        let cache = ExpiringCache<Int>(maxAge: 2, now: { clock.now() })
        let calls = NIOLockedValueBox(0)
        let slow: @Sendable () async throws -> Int = {
            clock.advance(5)
            return calls.withLockedValue {
                $0 += 1
                return $0
            }
        }

        // MUT
        let first = try await cache.value(slow)
        clock.advance(1.9)
        let stillCached = try await cache.value(slow)

        // validation
        XCTAssertEqual([first, stillCached], [1, 1])
        XCTAssertEqual(calls.withLockedValue { $0 }, 1)
    }

    func testFreshAndIsComputingTellWithoutComputingWhetherAReaderWouldWait() async throws {
        // setup: a computation that waits until the test lets it finish
        let clock = TestClock()
        let cache = ExpiringCache<Int>(maxAge: 1, now: clock.now)
        let gate = AsyncStream<Void>.makeStream()
        XCTAssertNil(cache.fresh())
        XCTAssertFalse(cache.isComputing)

        // MUT: a reader starts the computation; then it finishes; then the value ages
        async let value = cache.value {
            for await _ in gate.stream { break }
            return 7
        }
        try await eventually("the computation is under way") { cache.isComputing }
        XCTAssertNil(cache.fresh())
        gate.continuation.yield()
        let computed = try await value

        // validation
        XCTAssertEqual(computed, 7)
        XCTAssertFalse(cache.isComputing)
        XCTAssertEqual(cache.fresh(), 7)
        clock.advance(1.5)
        XCTAssertNil(cache.fresh())
        XCTAssertFalse(cache.isComputing)
    }

    func testReadersWhoMissAtTheSameMomentShareOneComputation() async throws {
        // setup
        let cache = ExpiringCache<Int>(maxAge: 60)
        let calls = NIOLockedValueBox(0)

        // MUT: twenty readers at once, the computation still under way when the others ask
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.value {
                        try await Task.sleep(for: .milliseconds(300))
                        return calls.withLockedValue {
                            $0 += 1
                            return $0
                        }
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }

        // validation
        XCTAssertEqual(calls.withLockedValue { $0 }, 1)
        XCTAssertEqual(values, Array(repeating: 1, count: 20))
    }

    func testClearMakesTheNextReadComputeAfresh() async throws {
        let cache = ExpiringCache<String>(maxAge: 60)
        _ = try await cache.value { "old" }

        // MUT
        cache.clear()

        // validation
        let value = try await cache.value { "new" }
        XCTAssertEqual(value, "new")
    }

    func testAFailedComputationKeepsNothing() async throws {
        struct Unavailable: Error {}
        let cache = ExpiringCache<Int>(maxAge: 60)

        // MUT
        do {
            _ = try await cache.value { throw Unavailable() }
            XCTFail("the error reaches the caller")
        } catch is Unavailable {}

        // validation
        let value = try await cache.value { 7 }
        XCTAssertEqual(value, 7)
    }

    func testAComputationOvertakenByAClearDoesNotStoreItsStaleValue() async throws {
        // setup: a read starts, then a change clears the cache before the read finishes
        let cache = ExpiringCache<String>(maxAge: 60)

        // MUT
        let stale = try await cache.value {
            cache.clear()
            return "before the change"
        }

        // validation: the caller gets its value, but the next reader sees the change
        XCTAssertEqual(stale, "before the change")
        let next = try await cache.value { "after the change" }
        XCTAssertEqual(next, "after the change")
    }

    func testTheIndicatorBoardKeepsValuesForTwoSecondsOfTheAppClock() async throws {
        try await withApp(features: [CountedIndicatorFeature()]) { app in
            // setup
            computations.withLockedValue { $0 = 0 }
            func counted() async throws -> Int64? {
                try await app.indicators.values(app: app).first { $0.key == "counted" }?.value
            }

            // MUT + validation
            let first = try await counted()
            let second = try await counted()
            XCTAssertEqual(second, first, "a burst of views reads once")
            app.clock.advance(by: 3)
            let afterExpiry = try await counted()
            XCTAssertEqual(afterExpiry, (first ?? 0) + 1)
            app.indicators.invalidate()
            let afterInvalidate = try await counted()
            XCTAssertEqual(afterInvalidate, (first ?? 0) + 2)
        }
    }
}
