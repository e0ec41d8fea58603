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

    private func code(_ page: String) throws -> String {
        String(try XCTUnwrap(try shareLink(page).firstMatch(of: /\?ref=(deel-[a-z2-7]{10})$/)?.1))
    }

    func testTheConfirmedPageGivesTheSignerTheirOwnLinkAndSignUpsThroughItCount() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let fatima = Browser(app)

            // MUT: she signs, then confirms, and opens the mail's link once more
            try await fatima.sign(email: "fatima@example.nl")
            let thanks = try await fatima.get(ManifestoPath.thanks.path).body.string
            let confirmed = try await fatima.confirmSignature(of: "fatima@example.nl").body.string
            let again = try await fatima.confirmSignature(of: "fatima@example.nl").body.string

            // validation: what happens next on both pages; her own link only once she proved the address hers
            XCTAssertTrue(thanks.contains("Wat gebeurt er nu?"))
            XCTAssertTrue(confirmed.contains("Wat gebeurt er nu?"))
            XCTAssertEqual(try shareLink(thanks), ManifestoPath.page().url(on: app), "the plain link before confirming")
            let code = try self.code(confirmed)
            XCTAssertEqual(try self.code(again), code, "one signer, one code")
            let stored = try await Signature.query(on: app.db).filter(\.$emailCanonical == "fatima@example.nl").first()
            let storedCode = try await ShareCode.stored(signatureID: XCTUnwrap(stored?.id), on: app.db)
            XCTAssertEqual(storedCode, code)
            for page in [thanks, confirmed] {
                XCTAssertTrue(page.contains("href=\"https://wa.me/?text="))
                XCTAssertTrue(page.contains("href=\"mailto:?subject="))
                XCTAssertTrue(page.contains("<svg"), "a QR code drawn here")
                XCTAssertFalse(page.contains("<script"), "no script")
                XCTAssertNil(page.firstMatch(of: /src="https?:/), "nothing loaded from elsewhere")
            }
            // a friend signs through her link: it counts for her code; the friend's own code differs
            try await app.signAndConfirm("sanne@example.nl", ref: code)
            let friend = try await Signature.query(on: app.db).filter(\.$emailCanonical == "sanne@example.nl").first()
            XCTAssertEqual(friend?.campaign, code)
            let sanne = try await Browser(app).confirmSignature(of: "sanne@example.nl").body.string
            XCTAssertNotEqual(try self.code(sanne), code, "random, not one for everyone")
        }
    }

    /// Anyone can sign up with anyone's address: what answers a sign-up must not carry the code
    /// of the address's owner (it would tell who shared a link), not even on the honeypot path.
    func testNoResponseToASignUpRevealsTheOwnersCode() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Fatima signed, confirmed and has her code
            let fatima = Browser(app)
            try await fatima.sign(email: "fatima@example.nl")
            let code = try self.code(try await fatima.confirmSignature(of: "fatima@example.nl").body.string)

            // MUT: a stranger signs up with her address, normally and as a bot would
            var seen: [String] = []
            for extra in [[:], ["website": "x"]] {
                let stranger = Browser(app)
                let response = try await stranger.sign(email: "Fatima@Example.nl", extra: extra)
                XCTAssertEqual(response.location, ManifestoPath.thanks.path)
                seen.append(response.headers.description + response.body.string)
                seen.append(try await stranger.get(ManifestoPath.thanks.path).body.string)
                seen.append(stranger.cookies.description)
            }

            // validation
            for text in seen {
                XCTAssertFalse(text.contains(code), "her code")
                XCTAssertFalse(text.contains(ShareCode.prefix), "no one's code")
                XCTAssertFalse(text.contains("kracht_share"), "no cookie carrying a code")
            }
        }
    }

    func testTheSharedCodeIsInThePersonsDataAndErasedWithThem() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Priya signed while signed in and saw her code
            let user = try await app.makeUser(name: "Priya Ramdin", email: "priya@example.nl")
            let priya = Browser(app)
            try await priya.logIn("priya@example.nl")
            try await priya.post(ManifestoPath.sign.path, ["district": "zuid"])
            let code = try self.code(try await priya.get(ManifestoPath.page().path).body.string)

            // MUT
            let exported = try await PersonalData.export(of: user, on: app.db)
            try await PersonalData.erase(of: user, on: app.db)

            // validation
            XCTAssertTrue(String(describing: exported).contains(code))
            let left = try await Signature.query(on: app.db).all()
            XCTAssertEqual(left.count, 1, "the signature keeps counting")
            let leftCode = try await ShareCode.stored(signatureID: XCTUnwrap(left.first?.id), on: app.db)
            XCTAssertNil(leftCode)
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
            let again = try await priya.get(ManifestoPath.page().path).body.string
            XCTAssertEqual(try self.code(page), try self.code(again), "her own code, the same each time")
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

            // validation: nothing of him in the address, and the form filled in once
            XCTAssertEqual(offered.location, CorePath.register.path, "no name or email in a URL")
            let register = try await daan.get(CorePath.register.path).body.string
            XCTAssertTrue(register.contains("value=\"Daan de Vries\""))
            XCTAssertTrue(register.contains("value=\"daan@example.nl\""))
            XCTAssertNil(register.firstMatch(of: /[?&](naam|email)=/), "nor in the language switch's links")
            let later = try await daan.get(CorePath.register.path).body.string
            XCTAssertFalse(later.contains("daan@example.nl"), "read once, then forgotten")
        }
    }
}
