import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #8, item 5: after signing, a person learns what happens next and gets their own link
/// to pass on, shared without any third party watching.
final class AfterSigningTests: XCTestCase {
    private func shareLink(_ page: String) throws -> String {
        String(try XCTUnwrap(page.firstMatch(of: /id="share-link"[^>]* value="([^"]+)"/)?.1))
    }

    func testTheThankYouPagesGiveTheSignerTheirOwnLinkAndSignUpsThroughItCount() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let fatima = Browser(app)

            // MUT: she signs, then confirms
            try await fatima.sign(email: "fatima@example.nl")
            let thanks = try await fatima.get(ManifestoPath.thanks.path).body.string
            let confirmed = try await fatima.confirmSignature(of: "fatima@example.nl").body.string

            // validation: what happens next, and her own link on both pages
            XCTAssertTrue(thanks.contains("Wat gebeurt er nu?"))
            XCTAssertTrue(confirmed.contains("Wat gebeurt er nu?"))
            let link = try shareLink(thanks)
            XCTAssertEqual(try shareLink(confirmed), link, "one signer, one link")
            let code = try XCTUnwrap(link.firstMatch(of: /\?ref=(deel-[0-9a-f]+)$/)?.1)
            for page in [thanks, confirmed] {
                XCTAssertTrue(page.contains("href=\"https://wa.me/?text="))
                XCTAssertTrue(page.contains("href=\"mailto:?subject="))
                XCTAssertTrue(page.contains("<svg"), "a QR code drawn here")
                XCTAssertFalse(page.contains("<script"), "no script")
                XCTAssertNil(page.firstMatch(of: /src="https?:/), "nothing loaded from elsewhere")
            }
            // a friend signs through her link: it counts for her code
            try await app.signAndConfirm("sanne@example.nl", ref: String(code))
            let friend = try await Signature.query(on: app.db).filter(\.$emailCanonical == "sanne@example.nl").first()
            XCTAssertEqual(friend?.campaign, String(code))
        }
    }

    func testASignedInPersonWhoSignedSeesThatInsteadOfTheForm() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Priya signed
            _ = try await app.makeUser(name: "Priya Ramdin", email: "priya@example.nl")
            let priya = Browser(app)
            try await priya.logIn("priya@example.nl")
            try await priya.post(ManifestoPath.sign.path, ["district": "zuid"])

            // MUT
            let page = try await priya.get(ManifestoPath.page().path).body.string

            // validation
            XCTAssertTrue(page.contains("Je hebt getekend"))
            XCTAssertNotNil(page.firstMatch(of: /getekend op \d+ \w+ \d{4}/), "with the date")
            XCTAssertFalse(page.contains("name=\"form_token\""), "no form to sign again")
            XCTAssertTrue(page.contains("id=\"share-link\""))
            let stranger = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertTrue(stranger.contains("name=\"form_token\""))
        }
    }

    func testTheNewsletterIsNeitherTickedNorOfferedTwice() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let form = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertNotNil(form.firstMatch(of: /id="sign-news" name="newsletter" type="checkbox" value="1">/), "not ticked")

            // MUT: one asks for the newsletter when signing, one does not
            try await Browser(app).sign(email: "wel@example.nl", newsletter: true)
            try await Browser(app).sign(email: "niet@example.nl")
            let asked = try await Browser(app).confirmSignature(of: "wel@example.nl").body.string
            let notAsked = try await Browser(app).confirmSignature(of: "niet@example.nl").body.string

            // validation
            XCTAssertFalse(asked.contains("value=\"newsletter\""))
            XCTAssertTrue(asked.contains("Je krijgt af en toe onze nieuwsbrief"))
            XCTAssertTrue(notAsked.contains("value=\"newsletter\""))
        }
    }

    func testOfferingTimeCarriesNameAndEmailIntoTheRegistrationForm() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let daan = Browser(app)
            try await daan.sign(name: "Daan de Vries", email: "daan@example.nl")
            try await daan.confirmSignature(of: "daan@example.nl")
            let confirm = try XCTUnwrap(MailSink.link(app: app, to: "daan@example.nl", for: ManifestoPath.confirm(.key)))
            let token = String(confirm.split(separator: "/").last ?? "")

            // MUT
            let offered = try await daan.post(ManifestoPath.followUp(.value(token)).path, ["action": "volunteer"])

            // validation
            let location = try XCTUnwrap(offered.location)
            XCTAssertTrue(location.hasPrefix(CorePath.register.path + "?"))
            XCTAssertFalse(location.contains("password"))
            let register = try await daan.get(location).body.string
            XCTAssertTrue(register.contains("value=\"Daan de Vries\""))
            XCTAssertTrue(register.contains("value=\"daan@example.nl\""))
        }
    }
}
