import Communication
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Manifesto
import Vapor
import XCTVapor
import XCTest

/// With every feature: the manifesto's "keep me informed" box puts a signer on the newsletter
/// list when they confirm their signature (their district, the campaign as ref, the request's
/// language); without the box, nobody is added.
final class NewsletterFromManifestoTests: XCTestCase {
    func testConfirmingASignatureWithTheBoxTickedMakesAConfirmedSubscriber() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup
            func sign(_ email: String, newsletter: Bool, language: String) async throws {
                let browser = Browser(app)
                browser.headers.replaceOrAdd(name: .acceptLanguage, value: language)
                let page = try await browser.get(ManifestoPath.page(ref: "markt-oost").path)
                let token = String(try XCTUnwrap(page.body.string.firstMatch(of: /name="form_token" value="([^"]+)"/)?.1))
                app.clock.advance(by: 5)
                var form = [
                    "name": "Amira Boateng", "email": email, "district": "oost", "form_token": token, "ref": "markt-oost", "website": "",
                ]
                if newsletter { form["newsletter"] = "1" }
                let posted = try await browser.post(ManifestoPath.sign.path, form)
                XCTAssertEqual(posted.status, .seeOther, posted.body.string)
                try await app.deliverMail()
                let link = try XCTUnwrap(MailSink.link(app: app, to: email, for: ManifestoPath.confirm(.key)))
                // MUT
                let confirmed = try await browser.get(link)
                XCTAssertEqual(confirmed.status, .ok)
            }
            let district = app.reference.district(slug: "oost") != nil ? "oost" : app.reference.districts[0].slug
            XCTAssertEqual(district, "oost", "the reference data has Oost")

            try await sign("amira@example.nl", newsletter: true, language: "en")
            try await sign("zonder@example.nl", newsletter: false, language: "nl")

            // validation
            let row = try await NewsletterSubscriber.find(mailbox: "amira@example.nl", on: app.db)
            XCTAssertEqual(row?.status, .confirmed)
            XCTAssertEqual(row?.source, "manifesto")
            XCTAssertEqual(row?.districts, ["oost"])
            XCTAssertEqual(row?.ref, "markt-oost")
            XCTAssertEqual(row?.language, "en")
            XCTAssertNotNil(row?.confirmedAt)
            let none = try await NewsletterSubscriber.find(mailbox: "zonder@example.nl", on: app.db)
            XCTAssertNil(none)
            let audiences = Dictionary(uniqueKeysWithValues: app.features.flatMap { $0.audiences() }.map { ($0.key, $0) })
            let signers = try await audiences["signers"]?.mailboxes(app)
            XCTAssertEqual(signers, ["amira@example.nl", "zonder@example.nl"])
            XCTAssertNotNil(audiences["donors"])
            XCTAssertNotNil(audiences["attendees"])
        }
    }
}
