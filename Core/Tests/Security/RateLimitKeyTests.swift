import KrachtCore
import KrachtTesting
import NIOCore
import Vapor
import XCTVapor
import XCTest

/// Review of issue #7, finding 3: an IPv6 client holds a whole /64, so per-address limits count
/// an IPv6 address by its /64; IPv4 (also when mapped into IPv6) counts as itself.
final class RateLimitKeyTests: XCTestCase {
    func testIPv6CountsByItsSlashSixtyFourAndIPv4AsItself() {
        // MUT & validation
        XCTAssertEqual(ClientAddress.rateLimitKey("2001:db8:1:2::1"), "2001:db8:1:2::/64")
        XCTAssertEqual(ClientAddress.rateLimitKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64")
        XCTAssertEqual(ClientAddress.rateLimitKey("2001:0DB8:0001:0002:0:0:0:9"), "2001:db8:1:2::/64", "one spelling per prefix")
        XCTAssertEqual(ClientAddress.rateLimitKey("[2001:db8:1:2::1]:443"), "2001:db8:1:2::/64")
        XCTAssertEqual(ClientAddress.rateLimitKey("fe80::1%eth0"), "fe80:0:0:0::/64")
        XCTAssertNotEqual(ClientAddress.rateLimitKey("2001:db8:1:3::1"), ClientAddress.rateLimitKey("2001:db8:1:2::1"))
        XCTAssertEqual(ClientAddress.rateLimitKey("::ffff:198.51.100.7"), "198.51.100.7")
        XCTAssertEqual(ClientAddress.rateLimitKey("198.51.100.7"), "198.51.100.7")
        XCTAssertEqual(ClientAddress.rateLimitKey("unknown"), "unknown")
    }

    func testTheRequestsKeyFollowsTheResolvedClient() async throws {
        try await withApp { app in
            // setup
            func request(from peer: String, forwardedFor: String? = nil) throws -> Request {
                var headers = HTTPHeaders()
                if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
                return Request(
                    application: app, method: .GET, url: URI(path: CorePath.home.path), headers: headers,
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 40000), on: app.eventLoopGroup.next())
            }

            // MUT & validation: directly, and behind our proxy on loopback
            XCTAssertEqual(try request(from: "2001:db8:aa:bb::17").rateLimitKey, "2001:db8:aa:bb::/64")
            app.config.trustProxy = true
            let proxied = try request(from: "127.0.0.1", forwardedFor: "2001:db8:aa:bb:1:2:3:4")
            XCTAssertEqual(proxied.rateLimitKey, "2001:db8:aa:bb::/64")
            XCTAssertEqual(proxied.clientIP, "2001:db8:aa:bb:1:2:3:4", "logs keep the full address")
            XCTAssertEqual(try request(from: "127.0.0.1", forwardedFor: "203.0.113.8").rateLimitKey, "203.0.113.8")
        }
    }
}
