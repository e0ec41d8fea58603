import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// The one place the manifesto tests make signatures: through the page as a person does
/// (`Browser.sign`), through the command (`SignatureFactory.form`), or straight into the
/// table when a test needs thousands (`SignatureFactory.insertConfirmed`).
enum SignatureFactory {
    /// A filled-in form as `SignManifesto` receives it, served `servedAgo` seconds before.
    static func form(
        _ app: Application, name: String = "Fatima El Amrani", email: String, district: String = "oost", ref: String? = nil,
        showName: Bool = true, servedAgo: TimeInterval = 60, token: String? = nil
    ) -> SignatureForm {
        SignatureForm(
            name: name, email: email, district: district, postcode: nil, show_name: showName ? "1" : nil, newsletter: nil,
            ref: ref, form_token: token ?? FormToken.make(at: app.clock.now().addingTimeInterval(-servedAgo), key: app.config.secretKey),
            website: "")
    }

    /// `count` confirmed online signatures, with the counter raised to match; `shape` adjusts
    /// signature `n` (its name, time, source, …) before it is stored.
    @discardableResult
    static func insertConfirmed(_ app: Application, count: Int, shape: (Int, Signature) -> Void = { _, _ in }) async throws -> [Signature] {
        let now = app.clock.now()
        var all: [Signature] = []
        for start in stride(from: 0, to: count, by: 500) {
            let batch = (start..<min(count, start + 500)).map { n -> Signature in
                let signature = Signature()
                signature.id = UUID()
                signature.createdAt = now.addingTimeInterval(-600)
                signature.confirmedAt = now.addingTimeInterval(Double(n - count))
                signature.versionNumber = 1
                signature.name = "Persoon \(n)"
                signature.email = "persoon\(n)@example.nl"
                signature.emailCanonical = signature.email
                signature.emailDomain = "example.nl"
                signature.district = "oost"
                signature.showName = true
                signature.newsletter = false
                signature.source = Signature.Source.online.rawValue
                signature.status = Signature.Status.confirmed.rawValue
                signature.tokenHash = SecureToken.hash(SecureToken.make())
                signature.volunteerInterest = false
                shape(n, signature)
                return signature
            }
            let frozen = batch
            try await app.db.writeTransaction { db in
                try await frozen.create(on: db)
                for source in SignatureCounter.Key.allCases {
                    try await SignatureCounter.add(frozen.filter { $0.source == source.rawValue }.count, to: source, on: db)
                }
            }
            all += batch
        }
        SignatureCounter.changed(app)
        return all
    }
}

extension Application {
    /// Signs through the page and follows the mailed link, as a person does.
    func signAndConfirm(_ email: String, district: String = "oost", ref: String? = nil, name: String = "Noa Cohen") async throws {
        let browser = Browser(self)
        try await browser.sign(name: name, email: email, district: district, ref: ref)
        try await browser.confirmSignature(of: email)
    }
}

extension Browser {
    /// Opens the manifesto page as a person would, takes a few seconds to fill in the form, and sends it.
    @discardableResult
    func sign(
        name: String = "Fatima El Amrani", email: String, district: String = "nieuw-west", postcode: String = "",
        showName: Bool = true, newsletter: Bool = false, ref: String? = nil, extra: [String: String] = [:]
    ) async throws -> XCTHTTPResponse {
        let token = try await formToken(ref: ref)
        app.clock.advance(by: 4)
        return try await send(
            form: token, name: name, email: email, district: district, postcode: postcode, showName: showName,
            newsletter: newsletter, ref: ref, extra: extra)
    }

    /// The form token of a freshly opened manifesto page.
    func formToken(ref: String? = nil) async throws -> String {
        let page = try await get(ManifestoPath.page().path + (ref.map { "?ref=\($0)" } ?? ""))
        return String(try XCTUnwrap(page.body.string.firstMatch(of: /name="form_token" value="([^"]+)"/)?.1))
    }

    /// Sends the sign-up form with a given form token (once, or again to replay it).
    @discardableResult
    func send(
        form token: String, name: String = "Fatima El Amrani", email: String, district: String = "nieuw-west", postcode: String = "",
        showName: Bool = true, newsletter: Bool = false, ref: String? = nil, extra: [String: String] = [:]
    ) async throws -> XCTHTTPResponse {
        var form = [
            "name": name, "email": email, "district": district, "postcode": postcode, "form_token": token,
            "ref": ref ?? "", "website": "",
        ]
        if showName { form["show_name"] = "1" }
        if newsletter { form["newsletter"] = "1" }
        form.merge(extra) { $1 }
        return try await post(ManifestoPath.sign.path, form)
    }

    /// Follows the newest confirmation link mailed to `email`.
    @discardableResult
    func confirmSignature(of email: String) async throws -> XCTHTTPResponse {
        try await app.deliverMail()
        let link = try XCTUnwrap(MailSink.link(app: app, to: email, for: ManifestoPath.confirm(.key)), "no confirmation mail to \(email)")
        return try await get(link)
    }

    func publicCount() async throws -> Int {
        let response = try await get(ManifestoPath.api.path, headers: ["Accept": "application/json"])
        struct Count: Decodable { var signatures: Int }
        return try JSONDecoder().decode(Count.self, from: response.body).signatures
    }
}
