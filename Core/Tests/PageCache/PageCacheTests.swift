import KrachtTesting
import NIOConcurrencyHelpers
import Vapor
import XCTVapor
import XCTest

@testable import KrachtCore

/// Issue #15: anonymous visitors of a page marked `cachedForAnonymous` share one render for
/// `maxAge`; nothing of one visitor reaches another, and a signed-in visitor never shares.
final class PageCacheTests: XCTestCase {
    func testAnAnonymousPageIsSharedForAtMostItsMaxAgeAndItsFillsAreFreshInEveryResponse() async throws {
        try await withApp { app in
            // setup: a page that counts its renders and carries a fill
            app.pageCache.maxAge = 1
            let renders = NIOLockedValueBox(0)
            app.responseFills["test.nonce"] = { _ in SecureToken.make() }
            app.access(.anyone).get("gedeeld") { req -> Response in
                let render = renders.withLockedValue {
                    $0 += 1
                    return $0
                }
                return Response(
                    headers: ["Content-Type": "text/html; charset=utf-8"],
                    body: .init(string: "<p>render \(render)</p><input name=\"nonce\" value=\"\(req.fill("test.nonce"))\">"))
            }.cachedForAnonymous()

            // MUT
            let first = try await Browser(app).get("/gedeeld")
            let second = try await Browser(app).get("/gedeeld")
            app.clock.advance(by: 0.9)
            let stillShared = try await Browser(app).get("/gedeeld")
            app.clock.advance(by: 0.2)
            let expired = try await Browser(app).get("/gedeeld")

            // validation
            XCTAssertTrue(first.body.string.contains("render 1"))
            XCTAssertTrue(second.body.string.contains("render 1"))
            XCTAssertTrue(stillShared.body.string.contains("render 1"))
            XCTAssertTrue(expired.body.string.contains("render 2"), "a page is at most maxAge old")
            let nonces = [first, second, stillShared].map { String($0.body.string.firstMatch(of: /value="([^"]+)"/)?.1 ?? "") }
            XCTAssertEqual(Set(nonces).count, 3, "each response its own fill: \(nonces)")
            XCTAssertFalse(first.body.string.contains("kracht-fill-"), "no marker left")
            XCTAssertEqual(first.headers.first(name: .cacheControl), "no-cache")
            XCTAssertEqual(first.headers.first(name: .vary), "Cookie, Accept-Language")
        }
    }

    func testASharedPageCarriesNoSessionCookieFormTokenOrName() async throws {
        try await withApp { app in
            // setup
            app.pageCache.maxAge = 1
            _ = try await app.makeUser(name: "Noa Visser", email: "noa@example.nl")
            let noa = Browser(app)
            try await noa.logIn("noa@example.nl")

            // MUT: Noa looks first, then two anonymous visitors
            let hers = try await noa.get("/")
            let first = try await Browser(app).get("/")
            let second = try await Browser(app).get("/")

            // validation
            XCTAssertTrue(hers.body.string.contains("name=\"_csrf\""), "her logout form carries her token")
            for page in [first, second] {
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.headers[.setCookie].isEmpty, "no cookie at all: \(page.headers[.setCookie])")
                XCTAssertFalse(page.body.string.contains("_csrf"))
                XCTAssertFalse(page.body.string.contains("Noa Visser"))
                XCTAssertFalse(page.body.string.contains("/account/uitloggen"))
            }
        }
    }

    func testASignedInVisitorNeverGetsASharedPage() async throws {
        try await withApp { app in
            // setup: an anonymous visitor's page is kept
            app.pageCache.maxAge = 1
            _ = try await app.makeUser(name: "Sem de Wit", email: "sem@example.nl")
            let anonymous = try await Browser(app).get("/")
            let sem = Browser(app)
            try await sem.logIn("sem@example.nl")

            // MUT
            let his = try await sem.get("/")

            // validation
            XCTAssertFalse(anonymous.body.string.contains("/account/uitloggen"))
            XCTAssertTrue(his.body.string.contains("/account/uitloggen"), "his own page, signed in")
            let token = try XCTUnwrap(sem.csrfToken)
            XCTAssertTrue(his.body.string.contains("value=\"\(token)\""))
        }
    }

    func testAFlashMessageIsShownToItsVisitorOnlyAndNotShared() async throws {
        try await withApp { app in
            // setup
            app.pageCache.maxAge = 1
            _ = try await Browser(app).get("/")
            let leaving = Browser(app)
            leaving.cookies["kracht_flash"] = "account.logged_out"

            // MUT
            let withFlash = try await leaving.get("/")
            let next = try await Browser(app).get("/")

            // validation
            XCTAssertTrue(withFlash.body.string.contains("Je bent uitgelogd."))
            XCTAssertFalse(next.body.string.contains("Je bent uitgelogd."))
        }
    }

    func testEachLanguageHasItsOwnSharedPage() async throws {
        try await withApp { app in
            // setup
            app.pageCache.maxAge = 1

            // MUT
            let dutch = try await Browser(app).get("/", headers: ["Accept-Language": "nl-NL,nl;q=0.9"])
            let english = try await Browser(app).get("/", headers: ["Accept-Language": "en-GB,en;q=0.9"])
            let chosen = Browser(app)
            chosen.cookies["kracht_lang"] = "en"
            let byCookie = try await chosen.get("/", headers: ["Accept-Language": "nl"])

            // validation
            XCTAssertTrue(dutch.body.string.contains("<html lang=\"nl\""))
            XCTAssertTrue(english.body.string.contains("<html lang=\"en\""))
            XCTAssertTrue(byCookie.body.string.contains("<html lang=\"en\""))
        }
    }

    func testArbitraryQueriesCannotGrowTheCacheBeyondItsBound() async throws {
        // setup
        let clock = AppClock()
        let cache = PageCache(maxAge: 1, now: { clock.now() })

        // MUT
        for n in 0..<PageCache.maxEntries { XCTAssertNotNil(cache.slot("/?q=\(n)\nnl")) }
        let overflow = cache.slot("/?q=meer\nnl")
        clock.advance(by: 1.5)
        let later = cache.slot("/?q=later\nnl")

        // validation
        XCTAssertNil(overflow, "full of live pages: this one is rendered without being kept")
        XCTAssertNotNil(later, "the expired places are freed")
        XCTAssertLessThanOrEqual(cache.count, PageCache.maxEntries)
    }

    func testTheCacheIsOffUnderTestUntilATestTurnsItOn() async throws {
        try await withApp { app in
            XCTAssertEqual(app.pageCache.maxAge, 0)
            XCTAssertNil(app.pageCache.slot("/\nnl"))
        }
    }
}
