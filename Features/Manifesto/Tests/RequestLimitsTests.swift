import Fluent
import KrachtCore
import KrachtTesting
import NIOCore
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Review of issue #7 (findings 1, 3 and 12) on the manifesto's public and admin pages.
final class RequestLimitsTests: XCTestCase {
    func testAnEightyKilobyteQueryOnTheManifestoIsAnsweredAtOnceWithTheDefault() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: ~20,000 repeated fields (NIO's URL limit) before a campaign code
            let hostile = ManifestoPath.page().path + "?" + String(repeating: "x=1&", count: 20_000) + "ref=abc"
            XCTAssertGreaterThan(hostile.utf8.count, 80_000)

            // MUT
            let start = Date()
            let response = try await Browser(app).get(hostile)
            let seconds = Date().timeIntervalSince(start)
            let normal = try await Browser(app).get(ManifestoPath.page(ref: "abc").path)

            // validation: read by the capped parser, which gives up at its field cap
            XCTAssertEqual(response.status, .ok)
            XCTAssertLessThan(seconds, 1)
            XCTAssertTrue(response.body.string.contains(#"name="ref" value="""#), "a query over the caps reads as absent")
            XCTAssertTrue(normal.body.string.contains(#"name="ref" value="abc""#))
        }
    }

    func testSignUpsFromOneIPv6SlashSixtyFourShareOneLimit() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: one household's /64, rotating its address for every sign-up
            app.signing.limitPerIP = 2
            func sign(_ email: String, from peer: String) async throws -> Response {
                let browser = Browser(app)
                let token = try await browser.formToken()
                app.clock.advance(by: 4)
                let fields = [
                    "_csrf": browser.csrfToken ?? "", "form_token": token, "name": "Noa Cohen", "email": email,
                    "district": "oost", "postcode": "", "ref": "", "website": "",
                ]
                var headers: HTTPHeaders = ["Cookie": browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
                headers.contentType = .urlEncodedForm
                let request = Request(
                    application: app, method: .POST, url: URI(path: ManifestoPath.sign.path), headers: headers,
                    collectedBody: ByteBuffer(string: fields.map { "\($0.key)=\(Browser.encode($0.value))" }.joined(separator: "&")),
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 40000), on: app.eventLoopGroup.next())
                return try await app.responder.respond(to: request).get()
            }

            // MUT
            let first = try await sign("a@example.nl", from: "2001:db8:7:8::1")
            let second = try await sign("b@example.nl", from: "2001:db8:7:8::2")
            let third = try await sign("c@example.nl", from: "2001:db8:7:8:abcd::3")
            let neighbour = try await sign("d@example.nl", from: "2001:db8:7:9::1")

            // validation
            XCTAssertEqual(first.headers.first(name: .location), ManifestoPath.thanks.path)
            XCTAssertEqual(second.headers.first(name: .location), ManifestoPath.thanks.path)
            XCTAssertEqual(third.status, .tooManyRequests, "a new address in the same /64 is the same client")
            XCTAssertEqual(neighbour.headers.first(name: .location), ManifestoPath.thanks.path, "the next /64 is someone else")
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 3)
        }
    }
}
