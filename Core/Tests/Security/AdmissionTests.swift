import KrachtTesting
import NIOConcurrencyHelpers
import NIOCore
import Vapor
import XCTVapor
import XCTest

@testable import KrachtCore

/// Admission through a real app (issue #15): routes that hold their request until the test lets
/// them go, so slots stay busy for exactly as long as the test says; the settings from the environment.
final class AdmissionTests: XCTestCase {
    /// Admission in front of a few routes of the test's own: `/bezig` holds its request until
    /// `latch` opens, `/snel` notes the order it was reached in, `/fout` throws.
    private struct Fixture {
        let admission: AdmissionMiddleware
        let latch = Latch()
        let order = NIOLockedValueBox<[String]>([])

        init(_ app: Application, slots: Int = 1, queueTimeout: TimeAmount = .seconds(60)) {
            var settings = AdmissionSettings()
            settings.maxInFlight = slots
            settings.queueTimeout = queueTimeout
            settings.overloadInterval = .seconds(60)
            admission = AdmissionMiddleware(settings: settings, maxBodySize: "1mb", catalogue: app.catalogue)
            let routes = app.grouped(admission).access(.anyone)
            routes.get("bezig") { [latch] _ async -> String in
                await latch.wait()
                return "klaar"
            }
            routes.on(.GET, "snel") { [order] req -> String in
                order.withLockedValue { $0.append("GET \(req.query[String.self, at: "n"] ?? "")") }
                return "snel"
            }
            routes.on(.POST, "snel") { [order] _ -> String in
                order.withLockedValue { $0.append("POST") }
                return "snel"
            }
            routes.get("fout") { _ async throws -> String in throw Abort(.conflict) }
        }
    }

    func testAQueuedRequestIsServedWhenTheBusyOneFinishes() async throws {
        try await withApp { app in
            // setup: the only slot is busy
            let fixture = Fixture(app)
            async let busy = Browser(app).get("/bezig")
            try await eventually("the slot is taken") { fixture.admission.gate.counts == (1, 0) }

            // MUT: a second visitor waits, then the first request finishes
            async let waiting = Browser(app).get("/snel?n=1")
            try await eventually("the second waits") { fixture.admission.gate.counts == (1, 1) }
            fixture.latch.open()

            // validation
            let (first, second) = try await (busy, waiting)
            XCTAssertEqual(first.body.string, "klaar")
            XCTAssertEqual(second.status, .ok)
            XCTAssertEqual(second.body.string, "snel")
            XCTAssertTrue(fixture.admission.gate.counts == (0, 0))
        }
    }

    func testAKeptSharedPageIsAnsweredWithoutASlotWhileOtherPagesWait() async throws {
        try await withApp { app in
            // setup: admission with one slot in front of the page cache, as configureKracht orders them
            app.pageCache.maxAge = 60
            var settings = AdmissionSettings()
            (settings.maxInFlight, settings.queueTimeout, settings.overloadInterval) = (1, .milliseconds(50), .seconds(60))
            let admission = AdmissionMiddleware(settings: settings, maxBodySize: "1mb", catalogue: app.catalogue)
            app.middleware = Middlewares()
            app.middleware.use(admission)
            app.middleware.use(PageCacheMiddleware(cache: app.pageCache))
            let latch = Latch()
            let renders = NIOLockedValueBox(0)
            let open = app.routes.access(.anyone)
            open.get("bezig") { _ async -> String in
                await latch.wait()
                return "klaar"
            }
            open.get("gedeeld") { _ -> Response in
                renders.withLockedValue { $0 += 1 }
                return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: "<p>gedeeld</p>")
            }.cachedForAnonymous()
            open.get("niet-gedeeld") { _ in "anders" }
            let first = try await Browser(app).get("/gedeeld")
            XCTAssertEqual(first.status, .ok)
            async let busy = Browser(app).get("/bezig")
            try await eventually("the slot is taken") { admission.gate.counts == (1, 0) }

            // MUT: the kept page and a page that must render, while the only slot is busy
            let hit = try await Browser(app).get("/gedeeld")
            let other = try await Browser(app).get("/niet-gedeeld")
            let newQuery = try await Browser(app).get("/gedeeld?q=nieuw")

            // validation: the kept page is answered at once, from the cache; everything else waits
            // its turn (and past the deadline, 503), a new query string too: it would render
            XCTAssertEqual(hit.status, .ok)
            XCTAssertEqual(hit.body.string, "<p>gedeeld</p>")
            XCTAssertEqual(renders.withLockedValue { $0 }, 1)
            XCTAssertEqual(other.status, .serviceUnavailable)
            XCTAssertEqual(newQuery.status, .serviceUnavailable)
            latch.open()
            let finished = try await busy
            XCTAssertEqual(finished.body.string, "klaar")
            XCTAssertTrue(admission.gate.counts == (0, 0))
        }
    }

    func testPastItsDeadlineAWaitingVisitorGetsTheTinyBusyPageInTheirLanguage() async throws {
        try await withApp { app in
            // setup: the only slot stays busy; waiting lasts 50 ms
            let fixture = Fixture(app, queueTimeout: .milliseconds(50))
            async let busy = Browser(app).get("/bezig")
            try await eventually("the slot is taken") { fixture.admission.gate.counts == (1, 0) }

            // MUT
            let english = try await Browser(app).get("/snel", headers: ["Accept-Language": "en-GB,en;q=0.8"])
            let dutch = try await Browser(app).get("/snel", headers: ["Accept-Language": "nl"])
            let api = try await Browser(app).get("/snel", headers: ["Accept": "application/json"])

            // validation: 503, come back in a second, never cached; a page of a few hundred bytes
            for refused in [english, dutch, api] {
                XCTAssertEqual(refused.status, .serviceUnavailable)
                XCTAssertEqual(refused.headers.first(name: .retryAfter), "1")
                XCTAssertEqual(refused.headers.first(name: .cacheControl), "no-store")
            }
            XCTAssertTrue(english.body.string.contains(#"<html lang="en">"#))
            XCTAssertTrue(english.body.string.contains("<h1>Very busy</h1>"))
            XCTAssertTrue(dutch.body.string.contains(#"<html lang="nl">"#))
            XCTAssertTrue(dutch.body.string.contains("<h1>Even druk</h1>"))
            XCTAssertLessThan(dutch.body.readableBytes, 600)
            XCTAssertEqual(api.headers.contentType, .json)
            XCTAssertTrue(api.body.string.contains(#""status":503"#))
            XCTAssertEqual(fixture.order.withLockedValue { $0 }, [])
            var metrics: [UInt8] = []
            PrometheusMetrics.registry.emit(into: &metrics)
            XCTAssertTrue(
                String(decoding: metrics, as: UTF8.self).contains(#"kracht_admission_shed_total{pool="requests",reason="timeout"}"#))
            fixture.latch.open()
            _ = try await busy
        }
    }

    func testAPostQueuedBehindAFloodOfPageViewsIsServedFirst() async throws {
        try await withApp { app in
            // setup: the only slot busy, three page views waiting
            let fixture = Fixture(app)
            let visitor = Browser(app)
            try await visitor.get("/")  // the form token, before the slot is taken
            async let busy = Browser(app).get("/bezig")
            try await eventually("the slot is taken") { fixture.admission.gate.counts == (1, 0) }
            async let view1 = Browser(app).get("/snel?n=1")
            try await eventually("view 1 waits") { fixture.admission.gate.counts.queued == 1 }
            async let view2 = Browser(app).get("/snel?n=2")
            try await eventually("view 2 waits") { fixture.admission.gate.counts.queued == 2 }
            async let view3 = Browser(app).get("/snel?n=3")
            try await eventually("view 3 waits") { fixture.admission.gate.counts.queued == 3 }

            // MUT: a post joins last; the busy request finishes
            async let post = visitor.post("/snel")
            try await eventually("the post waits") { fixture.admission.gate.counts.queued == 4 }
            fixture.latch.open()

            // validation
            let responses = try await [busy, view1, view2, view3, post]
            XCTAssertEqual(responses.map(\.status), Array(repeating: .ok, count: 5))
            XCTAssertEqual(fixture.order.withLockedValue { $0 }, ["POST", "GET 1", "GET 2", "GET 3"])
        }
    }

    func testHealthIsAnsweredWhileEverySlotIsBusy() async throws {
        try await withApp { app in
            // setup: the app's own admission, every slot taken, the queue full
            var settings = AdmissionSettings()
            settings.maxInFlight = 1
            settings.queueLength = 0
            let admission = AdmissionMiddleware(settings: settings, maxBodySize: "1mb", catalogue: app.catalogue)
            let held = try await unwrap(admission.gate.admit(.stateChange))
            let next = AsyncBasicResponder { _ in Response(status: .ok) }
            func request(_ path: String) -> Request {
                Request(application: app, method: .GET, url: URI(path: path), on: app.eventLoopGroup.next())
            }

            // MUT
            let health = try await admission.respond(to: request("/health"), chainingTo: next)
            let metrics = try await admission.respond(to: request("/metrics"), chainingTo: next)
            let page = try await admission.respond(to: request("/manifest"), chainingTo: next)

            // validation: health and metrics pass by the queue, counted nowhere; a page does not
            XCTAssertEqual(health.status, .ok)
            XCTAssertEqual(metrics.status, .ok)
            XCTAssertEqual(page.status, .serviceUnavailable)
            XCTAssertTrue(admission.gate.counts == (1, 0))
            admission.gate.release(held)
        }
    }

    func testNoSlotLeaksWhenTheRouteThrows() async throws {
        try await withApp { app in
            // setup
            let fixture = Fixture(app, slots: 2)

            // MUT: many failing requests, some at once
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<200 { group.addTask { try await Browser(app).get("/fout").status } }
                for try await status in group { XCTAssertEqual(status, .conflict) }
            }

            // validation: every slot came back; the next request is served at once
            XCTAssertTrue(fixture.admission.gate.counts == (0, 0))
            let after = try await Browser(app).get("/snel")
            XCTAssertEqual(after.status, .ok)
        }
    }

    func testTheSettingsAreReadFromTheEnvironmentAndABadOneIsAProblem() {
        // MUT
        let given = AppConfig.fromEnvironment {
            [
                "KRACHT_MAX_IN_FLIGHT": "32", "KRACHT_QUEUE_LENGTH": "0", "KRACHT_QUEUE_TIMEOUT": "0.5",
                "KRACHT_IDLE_TIMEOUT": "0", "KRACHT_BODY_TIMEOUT": "3",
            ][$0]
        }
        let defaults = AppConfig.fromEnvironment { _ in nil }
        let bad = AppConfig.fromEnvironment {
            ["KRACHT_MAX_IN_FLIGHT": "0", "KRACHT_QUEUE_TIMEOUT": "soon", "KRACHT_BODY_TIMEOUT": "-1"][$0]
        }

        // validation
        XCTAssertEqual(given.admission.maxInFlight, 32)
        XCTAssertEqual(given.admission.queueLength, 0)
        XCTAssertEqual(given.admission.queueTimeout, .milliseconds(500))
        XCTAssertNil(given.admission.idleTimeout)
        XCTAssertEqual(given.admission.bodyTimeout, .seconds(3))
        XCTAssertEqual(given.problems, [])
        XCTAssertEqual(defaults.admission.maxInFlight, 64)
        XCTAssertEqual(defaults.admission.queueTimeout, .seconds(2))
        XCTAssertEqual(defaults.admission.idleTimeout, .seconds(30))
        XCTAssertEqual(defaults.admission.bodyTimeout, .seconds(10))
        XCTAssertEqual(bad.problems.count, 3)
        XCTAssertTrue(bad.problems.contains { $0.contains("KRACHT_MAX_IN_FLIGHT") && $0.contains("0") })
        XCTAssertTrue(bad.problems.contains { $0.contains("KRACHT_QUEUE_TIMEOUT") && $0.contains("soon") })
        XCTAssertTrue(bad.problems.contains { $0.contains("KRACHT_BODY_TIMEOUT") && $0.contains("-1") })
    }
}

/// Holds whoever waits on it until it is opened.
final class Latch: Sendable {
    private let state = NIOLockedValueBox<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLockedValue { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLockedValue { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
