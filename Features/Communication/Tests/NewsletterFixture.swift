import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// Posting the newsletter form as a browser does: the served form's token, a few seconds of typing.
enum NewsletterFixture {
    static func body(_ fields: [(String, String)], csrf: String?) -> ByteBuffer {
        let all = fields + (csrf.map { [("_csrf", $0)] } ?? [])
        return ByteBuffer(string: all.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&"))
    }

    /// Opens the form (its token and cookie), waits like a person and posts `fields`.
    static func subscribe(_ app: Application, _ browser: Browser, _ fields: [(String, String)], ref: String? = nil) async throws
        -> XCTHTTPResponse
    {
        let page = try await browser.get(NewsletterPath.subscribe(ref: ref).path)
        let html = page.body.string
        let token = html.range(of: #"name="form_token" value="[^"]+""#, options: .regularExpression).map {
            String(html[$0].dropFirst(#"name="form_token" value=""#.count).dropLast())
        }
        let refValue = html.range(of: #"name="ref" value="[^"]*""#, options: .regularExpression).map {
            String(html[$0].dropFirst(#"name="ref" value=""#.count).dropLast())
        }
        app.clock.advance(by: 5)
        let all = [("form_token", token ?? ""), ("ref", refValue ?? ""), ("website", "")] + fields
        return try await browser.post(NewsletterPath.subscribe().path, rawBody: body(all, csrf: browser.csrfToken))
    }

    /// The token with its last character changed: no longer genuine.
    static func forged(_ token: String) -> String { token.dropLast() + (token.hasSuffix("0") ? "1" : "0") }

    static func subscriber(_ app: Application, _ email: String) async throws -> NewsletterSubscriber? {
        try await NewsletterSubscriber.find(mailbox: EmailAddress.canonicalMailbox(email), on: app.db)
    }

    static func confirmed(_ app: Application, _ email: String, districts: [String] = [], ref: String? = nil) async throws
        -> NewsletterSubscriber
    {
        try await NewsletterMailingList(app: app).addConfirmed(
            MailingListEntry(email: email, name: "Test", language: .nl, districts: districts, source: "form", ref: ref), on: app.db)
        return try await subscriber(app, email)!
    }
}
