import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #8, item 4: switching language keeps the page, its query and its campaign code,
/// also on a page that answers a form with errors.
final class LanguageSwitchTests: XCTestCase {
    /// The header's link to the English page.
    private func switchLink(_ page: XCTHTTPResponse) throws -> String {
        String(try XCTUnwrap(page.body.string.firstMatch(of: /class="lang" href="([^"]+)"/)?.1))
    }

    func testSwitchingLanguageKeepsTheCampaignCode() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: a listener of the radio opens the campaign's link
            let listener = Browser(app)
            let page = try await listener.get(ManifestoPath.page(ref: "radio1").path)

            // MUT
            let switched = try await listener.get(try switchLink(page))

            // validation: back on the same page, campaign code and all, now in English
            XCTAssertEqual(switched.location, ManifestoPath.page(ref: "radio1").path)
            let english = try await listener.get(try XCTUnwrap(switched.location))
            XCTAssertTrue(english.body.string.contains("<html lang=\"en\""))
            XCTAssertTrue(english.body.string.contains("name=\"ref\" value=\"radio1\""), "the form still carries the code")
        }
    }

    func testSwitchingLanguageOnAFormErrorLeadsToTheFormNotPageNotFound() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: a sign-up from the campaign without a name
            let resident = Browser(app)
            let token = try await resident.formToken(ref: "radio1")
            app.clock.advance(by: 4)
            let error = try await resident.send(form: token, name: "", email: "noa@example.nl", ref: "radio1")
            XCTAssertEqual(error.status, .badRequest)

            // MUT
            let switched = try await resident.get(try switchLink(error))

            // validation
            XCTAssertEqual(switched.location, ManifestoPath.page(ref: "radio1").path)
            let page = try await resident.get(try XCTUnwrap(switched.location))
            XCTAssertEqual(page.status, .ok)
        }
    }
}
