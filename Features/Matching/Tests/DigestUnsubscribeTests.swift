import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// The digest's unsubscribe link works without signing in (and a mail program's one-click post
/// without a cookie); a bad link changes nothing.
final class DigestUnsubscribeTests: XCTestCase {
    func testTheUnsubscribeLinkWorksWithoutSigningInAndABadLinkChangesNothing() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: [])
            let token = SignedID.make(try fatima.requireID(), purpose: UnsubscribeFromDigest.tokenPurpose, key: app.config.secretKey)
            let path = MatchingPath.digestUnsubscribe(.value(token)).path
            let browser = Browser(app)

            // MUT: a forged link, asked and posted
            let forged = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
            let badPage = try await browser.get(MatchingPath.digestUnsubscribe(.value(forged)).path)
            let badPost = try await browser.post(MatchingPath.digestUnsubscribe(.value(forged)).path)

            // validation
            XCTAssertEqual(badPage.status, .notFound)
            XCTAssertTrue(badPage.body.string.contains("Deze link werkt niet"))
            XCTAssertEqual(badPost.status, .notFound)
            let value3 = try await world.digestOn(fatima)
            XCTAssertTrue(value3)

            // MUT: the real link asks first, then the button turns it off, twice to the same end
            let page = try await browser.get(path)
            let value4 = try await world.digestOn(fatima)
            XCTAssertTrue(value4)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Stop de wekelijkse mail"))
            let done = try await browser.post(path)
            let twice = try await browser.post(path)

            // validation
            XCTAssertEqual(done.status, .ok)
            XCTAssertTrue(done.body.string.contains("Je krijgt de wekelijkse mail niet meer"))
            XCTAssertTrue(twice.body.string.contains("staat al uit"))
            let value5 = try await world.digestOn(fatima)
            XCTAssertFalse(value5)
        }
    }

    func testAMailProgramsOneClickPostNeedsNoCookie() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: [])
            let token = SignedID.make(try fatima.requireID(), purpose: UnsubscribeFromDigest.tokenPurpose, key: app.config.secretKey)

            // MUT: RFC 8058's POST, without cookie or form token
            let response = try await Browser(app).post(
                MatchingPath.digestOneClick(token: token).path, ["List-Unsubscribe": "One-Click"], csrf: false)

            // validation
            XCTAssertEqual(response.status, .ok)
            let value6 = try await world.digestOn(fatima)
            XCTAssertFalse(value6)
        }
    }
}
