import KrachtCore
import KrachtTesting
import NIOCore
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 3: behind a proxy the client is the right-most hop that is not one of our
/// proxies; whatever the client writes into `X-Forwarded-For` itself is never believed.
final class ClientAddressTests: XCTestCase {
    let loopback = IPRange.loopback

    func testASpoofedFirstHopIsIgnored() {
        // MUT: the client sent "X-Forwarded-For: 1.2.3.4"; our proxy on loopback appended its address
        let client = ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.50"], trusted: loopback)

        // validation
        XCTAssertEqual(client, "203.0.113.50")
    }

    func testEachSpoofedValueStillMapsToTheRealClient() {
        for spoof in ["", "1.1.1.1", "1.1.1.1, 2.2.2.2", "127.0.0.1", "::1", "garbage, 10.0.0.1"] {
            let header = spoof.isEmpty ? ["198.51.100.4"] : [spoof, "198.51.100.4"]
            XCTAssertEqual(ClientAddress.resolve(peer: "::1", forwardedFor: header, trusted: loopback), "198.51.100.4", spoof)
        }
    }

    func testAPeerThatIsNotATrustedProxyIsTheClientWhateverItsHeaderSays() {
        XCTAssertEqual(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: loopback), "203.0.113.9")
    }

    func testSeveralProxiesAndCIDRBlocksInIPv4AndIPv6() throws {
        // setup
        let trusted = try XCTUnwrap(IPRange.list("10.0.0.0/8, 2001:db8::/32 ,127.0.0.1"))

        // MUT & validation: client → CDN edge (2001:db8::5) → load balancer (10.1.2.3) → us
        XCTAssertEqual(
            ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 192.0.2.77", "2001:db8::5"], trusted: trusted), "192.0.2.77")
        XCTAssertEqual(ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: ["2001:db9::1"], trusted: trusted), "2001:db9::1")
        XCTAssertTrue(IPRange("10.0.0.0/8")!.contains("::ffff:10.9.8.7"), "an IPv4 peer on a dual-stack socket")
        XCTAssertFalse(IPRange("10.0.0.0/8")!.contains("11.0.0.1"))
        XCTAssertTrue(IPRange("192.168.1.0/23")!.contains("192.168.0.200"))
        XCTAssertFalse(IPRange("192.168.1.0/23")!.contains("192.168.2.1"))
        XCTAssertNil(IPRange.list("10.0.0.0/8, nonsense"))
        XCTAssertNil(IPRange("10.0.0.0/33"))
    }

    func testEveryPerIPLimitSeesTheResolvedAddress() async throws {
        try await withApp { app in
            // setup
            app.config.trustProxy = true
            let headers: HTTPHeaders = ["X-Forwarded-For": "1.2.3.4, 198.51.100.23"]
            let viaProxy = Request(
                application: app, method: .POST, url: URI(path: CorePath.logIn().path), headers: headers,
                remoteAddress: try SocketAddress(ipAddress: "127.0.0.1", port: 40000), on: app.eventLoopGroup.next())
            let direct = Request(
                application: app, method: .POST, url: URI(path: CorePath.logIn().path), headers: headers,
                remoteAddress: try SocketAddress(ipAddress: "203.0.113.1", port: 40000), on: app.eventLoopGroup.next())

            // MUT & validation
            XCTAssertEqual(viaProxy.clientIP, "198.51.100.23")
            XCTAssertEqual(direct.clientIP, "203.0.113.1", "a client that is no proxy cannot pick its own address")
            app.config.trustProxy = false
            XCTAssertEqual(viaProxy.clientIP, "127.0.0.1", "without KRACHT_TRUST_PROXY no header is believed")
        }
    }

    func testTrustedProxiesComeFromTheEnvironmentWithLoopbackAsDefault() {
        XCTAssertEqual(AppConfig.fromEnvironment { _ in nil }.trustedProxies, IPRange.loopback)
        let configured = AppConfig.fromEnvironment { $0 == "KRACHT_TRUSTED_PROXIES" ? "10.0.0.0/8,fd00::/8" : nil }
        XCTAssertEqual(configured.trustedProxies, [IPRange("10.0.0.0/8")!, IPRange("fd00::/8")!])
    }
}
