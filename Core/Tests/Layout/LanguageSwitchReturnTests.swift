import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #8, item 4: the language switch on a page that answers a form returns to the page
/// the form was on, with its query, rather than to the form's POST address.
final class LanguageSwitchReturnTests: XCTestCase {
    private func switchLink(_ page: XCTHTTPResponse) throws -> String {
        String(try XCTUnwrap(page.body.string.firstMatch(of: /class="lang" href="([^"]+)"/)?.1))
    }

    func testAFormPageWithoutItsOwnCanonicalPathReturnsToThePageTheFormWasOn() async throws {
        try await withApp { app in
            // setup: the login form, reached from a page that wants the person back
            let visitor = Browser(app)
            let form = CorePath.logIn(returnTo: "/manifest").path
            _ = try await visitor.get(form)
            visitor.headers.replaceOrAdd(name: .referer, value: "http://kracht.test" + form)

            // MUT: a wrong password, then the switch
            let error = try await visitor.post(CorePath.logIn().path, ["email": "nobody@example.nl", "password": "wrong-password"])
            let switched = try await visitor.get(try switchLink(error))

            // validation: the login form with its way back, not the bare POST path
            XCTAssertEqual(switched.location, form)
        }
    }
}
