import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #8, item 2: the manifesto's forms follow Core's error pattern ("Fout:" in the title, a
/// summary at the form linking to each field, each message with its limit).
final class FormErrorSummaryTests: XCTestCase {
    func testSigningWithMistakesLandsOnTheSummaryOfTheForm() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let browser = Browser(app)

            // MUT
            let response = try await browser.sign(
                name: String(repeating: "a", count: 101), email: "fatima@", district: "", postcode: "12")

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(
                title: "Manifest",
                links: [
                    ("sign-name", "maximaal 100 tekens"), ("sign-email", "geen geldig e-mailadres"), ("sign-district", "stadsdeel"),
                    ("sign-postcode", "vier cijfers en twee letters"),
                ])
            let html = response.body.string
            XCTAssertTrue(html.contains(#"action="/manifest/ondertekenen#fouten""#))
            let summary = try XCTUnwrap(html.range(of: #"class="error-summary""#)).lowerBound
            XCTAssertGreaterThan(summary, try XCTUnwrap(html.range(of: #"id="teken""#)).lowerBound, "the summary is at the form")
            XCTAssertLessThan(summary, try XCTUnwrap(html.range(of: #"id="sign-form""#)).lowerBound, "at its top")
            let signatures = try await Signature.query(on: app.db).count()
            XCTAssertEqual(signatures, 0)
        }
    }

    func testSigningTooFastSaysSoInTheSummary() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let browser = Browser(app)
            let token = try await browser.formToken()

            // MUT: sent at once, without the seconds a person takes
            let response = try await browser.send(form: token, email: "snel@example.nl")

            // validation
            XCTAssertEqual(response.status, .badRequest)
            response.assertFormErrors(title: "Manifest", links: [], summary: app.catalogue.text("manifesto.error.too_fast", in: .nl))
        }
    }

    func testTheCoordinatorsFormsFollowThePattern() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
            let desk = Browser(app)
            try await desk.logIn("coord@example.nl")
            let title = "Manifest beheren"

            // MUT and validation: voiding without a valid burst
            let void = try await desk.post(ManifestoPath.adminVoid.path, ["kind": "geen", "reason": "x"])
            XCTAssertEqual(void.status, .badRequest)
            void.assertFormErrors(title: title, links: [], summary: "5 tot 500 tekens")

            // an export without a reason
            let export = try await desk.post(ManifestoPath.adminExport.path, ["reason": "kort"])
            XCTAssertEqual(export.status, .badRequest)
            export.assertFormErrors(title: title, links: [("export-reason", "10 tot 500 tekens")])

            // a version with an empty Dutch text and a too long English title
            let publish = try await desk.post(
                ManifestoPath.adminPublish.path,
                ["title_nl": "Nieuw", "body_nl": "", "title_en": String(repeating: "t", count: 201), "body_en": "Text"])
            XCTAssertEqual(publish.status, .badRequest)
            publish.assertFormErrors(
                title: title, links: [("v-body-nl", "Vul dit veld in"), ("v-title-en", "maximaal 200 tekens")])
            XCTAssertTrue(publish.body.string.contains(String(repeating: "t", count: 201)), "what was typed stays")
            let versions = try await ManifestoVersion.query(on: app.db).count()
            XCTAssertEqual(versions, 1, "nothing was published")
        }
    }
}
