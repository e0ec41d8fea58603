import Fluent
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #8, item 3: anyone who types your address into the form sends you a further mail;
/// that must never cut off the links of the mails you already have.
final class OldMailLinksTests: XCTestCase {
    /// The links (confirm, withdraw) in the newest mail to `email`.
    private func links(_ app: Application, _ email: String) throws -> (confirm: String, withdraw: String) {
        (
            try XCTUnwrap(MailSink.link(app: app, to: email, for: ManifestoPath.confirm(.key))),
            try XCTUnwrap(MailSink.link(app: app, to: email, for: ManifestoPath.withdraw(.key)))
        )
    }

    func testASecondSignUpKeepsThePendingMailsLinksWorking() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Noa signs; her mail arrives
            let noa = Browser(app)
            try await noa.sign(email: "noa@example.nl")
            try await app.deliverMail()
            let first = try links(app, "noa@example.nl")

            // MUT: someone else types her address in, later
            app.clock.advance(by: 700)
            try await Browser(app).sign(name: "Iemand Anders", email: "noa@example.nl")
            try await app.deliverMail()
            let second = try links(app, "noa@example.nl")
            XCTAssertNotEqual(first.confirm, second.confirm, "the second mail has a link of its own")

            // validation: the first mail's link still confirms; the second one says it was done
            let confirmed = try await noa.get(first.confirm)
            XCTAssertEqual(confirmed.status, .ok)
            XCTAssertTrue(confirmed.body.string.contains("Wil je meer doen?"))
            let again = try await noa.get(second.confirm)
            XCTAssertTrue(again.body.string.contains("was al bevestigd"))
            let count = try await noa.publicCount()
            XCTAssertEqual(count, 1)
            let problems = try await ManifestoFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnAlreadySignedMailLeavesTheFirstWithdrawLinkWorking() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Daan signed and confirmed
            let daan = Browser(app)
            try await daan.sign(email: "daan@example.nl")
            try await daan.confirmSignature(of: "daan@example.nl")
            let first = try links(app, "daan@example.nl")

            // MUT: his address is typed in again, twice, hours apart
            for _ in 1...2 {
                app.clock.advance(by: 3600)
                try await Browser(app).sign(email: "daan@example.nl")
            }
            try await app.deliverMail()
            let mails = try MailSink.messages(app: app, to: "daan@example.nl")
            XCTAssertEqual(mails.map(\.subject).filter { $0 == "Je had het manifest al getekend" }.count, 2)

            // validation: the first mail's links still lead to his signature, and withdraw it
            let page = try await daan.get(first.confirm)
            XCTAssertTrue(page.body.string.contains("was al bevestigd"))
            let withdrawn = try await daan.post(first.withdraw)
            XCTAssertEqual(withdrawn.location, ManifestoPath.page().path)
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0)
            let links = try await app.db.sql.select().column(SQLLiteral.all).from(SignatureLinks.schema).all()
            XCTAssertEqual(links.count, 0, "the later mails' links go with the signature")
            let later = try self.links(app, "daan@example.nl")
            let gone = try await daan.post(later.withdraw)
            XCTAssertEqual(gone.status, .badRequest, "nothing left to withdraw")
            let problems = try await ManifestoFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testARenewedPendingSignatureKeepsItsFirstLinkForTheNewPeriod() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: a sign-up left unconfirmed for ten days
            let sanne = Browser(app)
            try await sanne.sign(email: "sanne@example.nl")
            try await app.deliverMail()
            let first = try links(app, "sanne@example.nl")
            app.clock.advance(by: 10 * 86400)

            // MUT: she signs again, which renews the period; then waits another week
            try await sanne.sign(email: "sanne@example.nl")
            app.clock.advance(by: 7 * 86400)

            // validation: the first mail's link confirms within the renewed period
            let confirmed = try await sanne.get(first.confirm)
            XCTAssertEqual(confirmed.status, .ok)
            let count = try await sanne.publicCount()
            XCTAssertEqual(count, 1)
        }
    }
}
