import KrachtTesting
import Vapor
import XCTVapor
import XCTest

extension Browser {
    /// Opens the manifesto page as a person would, takes a few seconds to fill in the form, and sends it.
    @discardableResult
    func sign(
        name: String = "Fatima El Amrani", email: String, district: String = "nieuw-west", postcode: String = "",
        showName: Bool = true, newsletter: Bool = false, ref: String? = nil, extra: [String: String] = [:]
    ) async throws -> XCTHTTPResponse {
        let page = try await get("/manifest" + (ref.map { "?ref=\($0)" } ?? ""))
        let token = try XCTUnwrap(page.body.string.firstMatch(of: /name="form_token" value="([^"]+)"/)?.1)
        app.clock.advance(by: 4)
        var form = ["name": name, "email": email, "district": district, "postcode": postcode, "form_token": String(token),
                    "ref": ref ?? "", "website": ""]
        if showName { form["show_name"] = "1" }
        if newsletter { form["newsletter"] = "1" }
        form.merge(extra) { $1 }
        return try await post("/manifest/ondertekenen", form)
    }

    /// Follows the newest confirmation link mailed to `email`.
    @discardableResult
    func confirmSignature(of email: String) async throws -> XCTHTTPResponse {
        try await app.deliverMail()
        let link = try XCTUnwrap(MailSink.link(app: app, to: email, containing: "/manifest/bevestigen/"), "no confirmation mail to \(email)")
        return try await get(link)
    }

    func publicCount() async throws -> Int {
        let response = try await get("/api/v1/manifest", headers: ["Accept": "application/json"])
        struct Count: Decodable { var signatures: Int }
        return try JSONDecoder().decode(Count.self, from: response.body).signatures
    }
}
