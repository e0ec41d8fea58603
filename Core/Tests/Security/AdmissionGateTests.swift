import KrachtCore
import NIOConcurrencyHelpers
import NIOCore
import XCTest

/// The admission gate alone, no HTTP (issue #15): waiting, deadlines, priorities, shedding,
/// cancellation and leaks. The overload rule is switched off (an interval of a minute) except
/// where it is the subject, so nothing depends on how fast this machine is.
final class AdmissionGateTests: XCTestCase {
    private func gate(slots: Int = 1, queue: Int = 100, timeout: TimeAmount = .seconds(60)) -> AdmissionGate {
        AdmissionGate(maxInFlight: slots, queueLength: queue, queueTimeout: timeout, pool: "test", overloadInterval: .seconds(60))
    }

    func testAQueuedRequestIsServedWhenASlotFreesBeforeItsDeadline() async throws {
        // setup: the only slot is taken
        let gate = gate()
        let held = try await unwrap(gate.admit(.pageView))
        XCTAssertFalse(held.waited)

        // MUT: a second request waits; the first finishes
        let waiting = Task { await gate.admit(.pageView) }
        try await eventually("the second request waits") { gate.counts == (1, 1) }
        gate.release(held)

        // validation: it got the slot the first gave up, and gives it back
        let ticket = try await unwrap(waiting.value)
        XCTAssertTrue(ticket.waited)
        XCTAssertTrue(gate.counts == (1, 0))
        gate.release(ticket)
        XCTAssertTrue(gate.counts == (0, 0))
    }

    func testAQueuedRequestIsRefusedAtItsDeadlineEvenWhenNoSlotFrees() async throws {
        // setup: the only slot is taken and stays taken
        let gate = gate(timeout: .milliseconds(50))
        let held = try await unwrap(gate.admit(.stateChange))

        // MUT
        let refused = await gate.admit(.stateChange)

        // validation: turned away by the timer, not by a release; the queue is empty again
        XCTAssertNil(refused)
        XCTAssertTrue(gate.counts == (1, 0))
        gate.release(held)
        XCTAssertTrue(gate.counts == (0, 0))
    }

    func testStateChangesGoBeforeAFloodOfPageViewsWhichKeepTheirOrder() async throws {
        // setup: all slots busy, five page views waiting
        let gate = gate()
        let held = try await unwrap(gate.admit(.pageView))
        let order = NIOLockedValueBox<[String]>([])
        func visit(_ name: String, _ priority: AdmissionGate.Priority) -> Task<Void, Never> {
            Task {
                guard let ticket = await gate.admit(priority) else { return order.withLockedValue { $0.append("refused \(name)") } }
                order.withLockedValue { $0.append(name) }
                gate.release(ticket)
            }
        }
        var visits: [Task<Void, Never>] = []
        for index in 1...5 {
            visits.append(visit("view \(index)", .pageView))
            try await eventually("view \(index) waits") { gate.counts.queued == index }
        }

        // MUT: a signature arrives last, then the busy request finishes
        visits.append(visit("signature", .stateChange))
        try await eventually("the signature waits") { gate.counts.queued == 6 }
        gate.release(held)
        for visit in visits { await visit.value }

        // validation
        XCTAssertEqual(order.withLockedValue { $0 }, ["signature", "view 1", "view 2", "view 3", "view 4", "view 5"])
        XCTAssertTrue(gate.counts == (0, 0))
    }

    func testAFullQueueShedsItsOldestPageViewFirstAndAStateChangeOnlyWhenNoViewIsLeft() async throws {
        // setup: one slot, room for two waiters, both page views
        let gate = gate(queue: 2)
        let held = try await unwrap(gate.admit(.pageView))
        let firstView = Task { await gate.admit(.pageView) }
        try await eventually("first view waits") { gate.counts.queued == 1 }
        let secondView = Task { await gate.admit(.pageView) }
        try await eventually("second view waits") { gate.counts.queued == 2 }

        // MUT: two posts arrive at the full queue, then a third
        let firstPost = Task { await gate.admit(.stateChange) }
        let displacedFirst = await firstView.value
        let secondPost = Task { await gate.admit(.stateChange) }
        let displacedSecond = await secondView.value
        let thirdPost = await gate.admit(.stateChange)

        // validation: the views made room, oldest first; the third post found only posts
        XCTAssertNil(displacedFirst)
        XCTAssertNil(displacedSecond)
        XCTAssertNil(thirdPost)
        XCTAssertTrue(gate.counts == (1, 2))
        gate.release(held)
        let first = try await unwrap(firstPost.value)
        gate.release(first)
        let second = try await unwrap(secondPost.value)
        gate.release(second)
        XCTAssertTrue(gate.counts == (0, 0))
    }

    func testACancelledWaiterLeavesTheQueueAndFreesNothing() async throws {
        // setup
        let gate = gate()
        let held = try await unwrap(gate.admit(.pageView))
        let waiting = Task { await gate.admit(.pageView) }
        try await eventually("it waits") { gate.counts.queued == 1 }

        // MUT: the visitor goes away; so does one who was gone before it could even queue
        waiting.cancel()
        let cancelled = await waiting.value
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await gate.admit(.pageView)
        }
        let cancelledEarly = await early.value

        // validation: both answered nil; the busy slot is still the only one taken
        XCTAssertNil(cancelled)
        XCTAssertNil(cancelledEarly)
        XCTAssertTrue(gate.counts == (1, 0))
        gate.release(held)
        XCTAssertTrue(gate.counts == (0, 0))
    }

    func testNothingLeaksAfterThousandsOfAdmitsThrowsAndCancellations() async throws {
        // setup: few slots, many callers; every third one's work throws, every seventh gives up
        struct Failure: Error {}
        let gate = gate(slots: 4, queue: 10_000)
        let served = NIOLockedValueBox(0)

        // MUT
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<3000 {
                group.addTask {
                    if index % 7 == 0 { withUnsafeCurrentTask { $0?.cancel() } }
                    guard let ticket = await gate.admit(index % 2 == 0 ? .pageView : .stateChange) else { return }
                    defer { gate.release(ticket) }
                    do {
                        await Task.yield()
                        if index % 3 == 0 { throw Failure() }
                        served.withLockedValue { $0 += 1 }
                    } catch {}
                }
            }
        }

        // validation: every slot came back, nobody is left waiting
        XCTAssertTrue(gate.counts == (0, 0))
        XCTAssertGreaterThan(served.withLockedValue { $0 }, 1000)
    }

    func testUnderSustainedOverloadANewPageViewWaitsBrieflyAndAStateChangeTheFullTime() async throws {
        // setup: an overload interval of zero, so every queue counts as sustained
        let gate = AdmissionGate(
            maxInFlight: 1, queueLength: 10, queueTimeout: .seconds(60), pool: "test", overloadInterval: .zero,
            overloadedWait: .milliseconds(20))
        let held = try await unwrap(gate.admit(.pageView))
        let post = Task { await gate.admit(.stateChange) }
        try await eventually("the post waits") { gate.counts.queued == 1 }

        // MUT
        let view = await gate.admit(.pageView)

        // validation: the page view heard no at once; the post still waits and gets the slot
        XCTAssertNil(view)
        XCTAssertTrue(gate.counts == (1, 1))
        gate.release(held)
        let ticket = try await unwrap(post.value)
        gate.release(ticket)
        XCTAssertTrue(gate.counts == (0, 0))
    }
}

/// `XCTUnwrap` of a value that must be awaited (an autoclosure cannot await).
func unwrap<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}

/// Waits (polling the state, not timing it) until `condition` holds; fails after ten seconds.
func eventually(_ what: String, _ condition: () -> Bool) async throws {
    for _ in 0..<2000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    XCTFail("never happened: \(what)")
}
