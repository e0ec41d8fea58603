import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #7, finding 1: the CSRF check reads its one field without splitting a hostile body, and
/// reads a multipart form's token without parsing the whole body.
final class CSRFFieldTests: XCTestCase {
    func testTheTokenIsFoundAfterHundredsOfThousandsOfFieldsAndTheFormIsRefused() async throws {
        try await withApp { app in
            // setup: a visitor with the cookie, and a body of 160,000 fields (just under the 1 MB limit) with the token last
            let browser = Browser(app)
            try await browser.get(CorePath.logIn().path)
            let token = try XCTUnwrap(browser.cookies["kracht_csrf"])
            // A visitor with a session must send the token (an anonymous one need not).
            browser.cookies["kracht_session"] = "een-sessie"
            let hostile = String(repeating: "x[]=1&", count: 160_000) + "_csrf=\(token)"

            // MUT
            let response = try await browser.post(CorePath.logIn().path, rawBody: ByteBuffer(string: hostile))

            // validation: past the CSRF check (which found the token), refused by the form's caps
            XCTAssertEqual(response.status, .badRequest)
        }
    }

    func testAMultipartFormCarriesItsTokenInItsFirstField() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)
            try await browser.get(CorePath.logIn().path)
            let token = try XCTUnwrap(browser.cookies["kracht_csrf"])
            func multipart(_ csrf: String) -> ByteBuffer {
                ByteBuffer(
                    string: [
                        "--grens", "Content-Disposition: form-data; name=\"_csrf\"", "", csrf,
                        "--grens", "Content-Disposition: form-data; name=\"email\"", "", "iemand@example.nl",
                        "--grens--", "",
                    ].joined(separator: "\r\n"))
            }
            let type = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "grens"])

            // MUT
            let genuine = try await browser.post(CorePath.logIn().path, rawBody: multipart(token), contentType: type)
            browser.cookies["kracht_session"] = "een-sessie"
            let forged = try await browser.post(CorePath.logIn().path, rawBody: multipart("vervalst"), contentType: type)

            // validation: the genuine one passes the CSRF check (the login form then refuses it), the forged one does not
            XCTAssertNotEqual(genuine.status, .forbidden)
            XCTAssertEqual(forged.status, .forbidden)
        }
    }
}
