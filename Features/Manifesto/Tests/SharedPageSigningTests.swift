import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #15: the manifesto page is shared among anonymous visitors for about a second. Each
/// response still carries its own bot-timer token, the form carries no CSRF token, and another
/// site cannot make a visitor's browser sign.
final class SharedPageSigningTests: XCTestCase {
    func testTheBotTimerWorksOnASharedPageAndTwoVisitorsOfItBothSign() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: three visitors open the page within its shared second
            app.pageCache.maxAge = 1
            let hasty = Browser(app), ann = Browser(app), bo = Browser(app)
            let hastyToken = try await hasty.formToken()
            let annToken = try await ann.formToken()
            let boToken = try await bo.formToken()

            // MUT
            let tooFast = try await hasty.send(form: hastyToken, email: "snel@example.nl")
            app.clock.advance(by: 4)
            let annSigned = try await ann.send(form: annToken, email: "ann@example.nl")
            let boSigned = try await bo.send(form: boToken, email: "bo@example.nl")

            // validation
            XCTAssertEqual(Set([hastyToken, annToken, boToken]).count, 3, "every response its own token")
            XCTAssertEqual(tooFast.status, .badRequest)
            XCTAssertTrue(tooFast.body.string.contains("Dat ging wel erg snel"))
            XCTAssertEqual(annSigned.location, ManifestoPath.thanks.path)
            XCTAssertEqual(boSigned.location, ManifestoPath.thanks.path)
            let emails = try await Signature.query(on: app.db).all().compactMap(\.email).sorted()
            XCTAssertEqual(emails, ["ann@example.nl", "bo@example.nl"])
        }
    }

    func testASignatureFromAnotherSiteIsRefusedAndChangesNothing() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            app.pageCache.maxAge = 1
            var statuses: [HTTPStatus] = []

            // MUT: a page elsewhere posts the form from its visitors' browsers, new and old
            for headers: HTTPHeaders in [["Sec-Fetch-Site": "cross-site"], ["Origin": "https://evil.example"]] {
                let visitor = Browser(app)
                let token = try await visitor.formToken()
                app.clock.advance(by: 4)
                visitor.headers = headers
                statuses.append(try await visitor.send(form: token, email: "slachtoffer@example.nl").status)
            }

            // validation
            XCTAssertEqual(statuses, [.forbidden, .forbidden])
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0)
        }
    }

    func testASignedInVisitorSeesTheirOwnPageAndNoOneElseDoes() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: an anonymous visitor's page is kept, then Lotte signs in
            app.pageCache.maxAge = 1
            let before = try await Browser(app).get(ManifestoPath.page().path)
            _ = try await app.makeUser(name: "Lotte Bakker", email: "lotte@example.nl")
            let lotte = Browser(app)
            try await lotte.logIn("lotte@example.nl")

            // MUT
            let hers = try await lotte.get(ManifestoPath.page().path)
            let after = try await Browser(app).get(ManifestoPath.page().path)

            // validation
            XCTAssertTrue(hers.body.string.contains("Lotte Bakker"))
            XCTAssertTrue(hers.body.string.contains("name=\"_csrf\""))
            for page in [before, after] {
                XCTAssertFalse(page.body.string.contains("Lotte Bakker"))
                XCTAssertFalse(page.body.string.contains("_csrf"))
                XCTAssertTrue(page.headers[.setCookie].isEmpty)
            }
        }
    }
}
