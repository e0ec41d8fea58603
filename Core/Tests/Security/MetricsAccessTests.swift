import KrachtCore
import KrachtTesting
import NIOCore
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 9: /metrics only for a bearer of KRACHT_METRICS_TOKEN, or from this machine.
final class MetricsAccessTests: XCTestCase {
    func testWithATokenOnlyItsBearerReadsMetrics() async throws {
        try await withApp { app in
            // setup
            app.config.metricsToken = "geheim-token-voor-prometheus"

            // MUT
            let anonymous = try await Browser(app).get(CorePath.metrics.path)
            let wrong = try await Browser(app).get(CorePath.metrics.path, headers: ["Authorization": "Bearer iets-anders"])
            let right = try await Browser(app).get(CorePath.metrics.path, headers: ["Authorization": "Bearer geheim-token-voor-prometheus"])

            // validation
            XCTAssertEqual(anonymous.status, .unauthorized)
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertFalse(wrong.body.string.contains("kracht_outbox_pending"))
            XCTAssertEqual(right.status, .ok)
            XCTAssertTrue(right.body.string.contains("kracht_outbox_pending"))
        }
    }

    func testWithoutATokenOnlyLoopbackReadsMetricsEvenThroughAProxy() async throws {
        try await withApp { app in
            // setup
            func request(from peer: String, forwardedFor: String? = nil) throws -> Request {
                var headers = HTTPHeaders()
                if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
                return Request(
                    application: app, method: .GET, url: URI(path: CorePath.metrics.path), headers: headers,
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 40000), on: app.eventLoopGroup.next())
            }
            app.config.trustProxy = true

            // MUT
            let local = try await app.responder.respond(to: request(from: "127.0.0.1")).get()
            let outside = try await app.responder.respond(to: request(from: "203.0.113.5")).get()
            let proxied = try await app.responder.respond(to: request(from: "127.0.0.1", forwardedFor: "203.0.113.5")).get()
            let spoofed = try await app.responder.respond(to: request(from: "203.0.113.5", forwardedFor: "127.0.0.1")).get()

            // validation
            XCTAssertEqual(local.status, .ok)
            XCTAssertEqual(outside.status, .forbidden)
            XCTAssertEqual(proxied.status, .forbidden, "a public client behind our own proxy is not local")
            XCTAssertEqual(spoofed.status, .forbidden)
        }
    }

    /// Review of finding 9: a proxy on this host connects from loopback for every visitor; without
    /// `KRACHT_TRUST_PROXY` the resolved client was loopback too, so anyone read the metrics.
    func testWithoutATokenAForwardedRequestIsRefusedEvenFromLoopback() async throws {
        try await withApp { app in
            // setup: no token, no trusted proxy: the default configuration
            func request(from peer: String, _ headers: HTTPHeaders = [:]) throws -> Request {
                Request(
                    application: app, method: .GET, url: URI(path: CorePath.metrics.path), headers: headers,
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 40000), on: app.eventLoopGroup.next())
            }
            XCTAssertFalse(app.config.trustProxy)

            // MUT
            let prometheus = try await app.responder.respond(to: request(from: "127.0.0.1")).get()
            let prometheusV6 = try await app.responder.respond(to: request(from: "::1")).get()
            let viaNginx = try await app.responder.respond(to: request(from: "127.0.0.1", ["X-Forwarded-For": "203.0.113.5"])).get()
            let viaForwarded = try await app.responder.respond(to: request(from: "::1", ["Forwarded": "for=203.0.113.5"])).get()
            let viaRealIP = try await app.responder.respond(to: request(from: "127.0.0.1", ["X-Real-IP": "203.0.113.5"])).get()

            // validation
            XCTAssertEqual(prometheus.status, .ok)
            XCTAssertEqual(prometheusV6.status, .ok)
            XCTAssertEqual(viaNginx.status, .forbidden)
            XCTAssertEqual(viaForwarded.status, .forbidden)
            XCTAssertEqual(viaRealIP.status, .forbidden)
        }
    }
}
