import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

final class SigningTests: XCTestCase {
    func testSignConfirmByMailAndCountOnce() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let resident = Browser(app)

            // MUT
            let signed = try await resident.sign(email: "fatima@example.nl", postcode: "1061 ab")
            XCTAssertEqual(signed.location, ManifestoPath.thanks.path)
            let pending = try await resident.publicCount()
            XCTAssertEqual(pending, 0, "an unconfirmed signature does not count")
            let confirmed = try await resident.confirmSignature(of: "fatima@example.nl")
            XCTAssertEqual(confirmed.status, .ok)
            XCTAssertTrue(confirmed.body.string.contains("Wil je meer doen?"))
            let again = try await resident.confirmSignature(of: "fatima@example.nl")
            XCTAssertTrue(again.body.string.contains("was al bevestigd"))

            // validation
            app.manifestoCount.clear()
            let count = try await resident.publicCount()
            XCTAssertEqual(count, 1)
            let stored = try await Signature.query(on: app.db).first()
            let signature = try XCTUnwrap(stored)
            XCTAssertEqual(signature.postcode, "1061 AB")
            XCTAssertEqual(signature.versionNumber, 1)
            let page = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertTrue(page.contains("Fatima, Nieuw-West"), "first name and district only")
            XCTAssertFalse(page.contains("El Amrani"))
            app.indicators.invalidate()
            let home = try await Browser(app).get(CorePath.home.path).body.string
            XCTAssertTrue(home.contains("data-indicator=\"manifesto_signatures\">1<"))
            let problems = try await ManifestoFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testSigningTwiceWithTheSameMailboxCountsOnceAndSaysSoKindly() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let resident = Browser(app)
            try await resident.sign(email: "jan.jansen@gmail.com")
            try await resident.confirmSignature(of: "jan.jansen@gmail.com")
            app.clock.advance(by: 700)

            let second = try await Browser(app).sign(email: "Jan.Jansen+manifest@GMAIL.com")
            XCTAssertEqual(second.location, ManifestoPath.thanks.path, "the same answer: whether an address signed is not revealed")
            try await app.deliverMail()
            let mail = try XCTUnwrap(MailSink.messages(app: app, to: "jan.jansen@gmail.com").last, "to the address that signed")
            XCTAssertEqual(mail.subject, "Je had het manifest al getekend")

            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 1)
            app.manifestoCount.clear()
            let count = try await resident.publicCount()
            XCTAssertEqual(count, 1)
        }
    }

    func testWithdrawingRemovesTheSignatureAndTheCountDrops() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let resident = Browser(app)
            try await resident.sign(email: "daan@example.nl")
            try await resident.confirmSignature(of: "daan@example.nl")
            let link = try XCTUnwrap(MailSink.link(app: app, to: "daan@example.nl", for: ManifestoPath.withdraw(.key)))

            let confirmPage = try await resident.get(link)
            XCTAssertTrue(confirmPage.body.string.contains("Trek mijn handtekening in"))
            let withdrawn = try await resident.post(link)
            XCTAssertEqual(withdrawn.location, ManifestoPath.page().path)

            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0, "nothing else about them is kept")
            let count = try await resident.publicCount()
            XCTAssertEqual(count, 0)
            let problems = try await ManifestoFeature().verify(app: app)
            XCTAssertEqual(problems, [])
            let twice = try await resident.post(link)
            XCTAssertEqual(twice.status, .badRequest)
        }
    }

    func testAnExpiredLinkGetsAClearMessageAndCountsNothing() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let resident = Browser(app)
            try await resident.sign(email: "sanne@example.nl")
            app.clock.advance(by: 15 * 86400)
            let expired = try await resident.confirmSignature(of: "sanne@example.nl")
            XCTAssertEqual(expired.status, .gone)
            XCTAssertTrue(expired.body.string.contains("Deze link is verlopen"))
            let count = try await resident.publicCount()
            XCTAssertEqual(count, 0)

            try await RetentionPurge.run(app)
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0, "unconfirmed signatures expire after 14 days")
        }
    }

    func testASignedInResidentSignsWithOneClick() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            _ = try await app.makeUser(name: "Priya Ramdin", email: "priya@example.nl")
            let resident = Browser(app)
            try await resident.logIn("priya@example.nl")
            let page = try await resident.get(ManifestoPath.page().path)
            XCTAssertTrue(page.body.string.contains("Je tekent als Priya Ramdin."))
            let signed = try await resident.post(ManifestoPath.sign.path, ["district": "zuid", "show_name": "1"])
            XCTAssertEqual(signed.location, ManifestoPath.page().path)
            let again = try await resident.post(ManifestoPath.sign.path, ["district": "zuid"])
            XCTAssertEqual(again.location, ManifestoPath.page().path)
            let count = try await resident.publicCount()
            XCTAssertEqual(count, 1)
        }
    }

    func testBadInputGetsAClearMessageAndStoresNothing() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let cases: [(String, String, String, String, String)] = [
                ("", "a@example.nl", "zuid", "", "Vul dit veld in."),
                (String(repeating: "n", count: 10_000), "a@example.nl", "zuid", "", "Dit is te lang"),
                ("Ann", "ann @example.nl", "zuid", "", "geen geldig e-mailadres"),
                ("Ann", "", "zuid", "", "Vul dit veld in."),
                ("Ann", "ann@example.nl", "zuid", "0123 AB", "geen Nederlandse postcode"),
                ("Ann", "ann@example.nl", "zuid", "1234 A1", "geen Nederlandse postcode"),
                ("Ann", "ann@example.nl", "", "", "Kies je stadsdeel"),
                ("Ann", "ann@example.nl", "../../etc/passwd", "", "Kies je stadsdeel"),
            ]
            for (name, email, district, postcode, message) in cases {
                let response = try await Browser(app).sign(name: name, email: email, district: district, postcode: postcode)
                XCTAssertEqual(response.status, .badRequest, message)
                XCTAssertTrue(response.body.string.contains(message), "expected '\(message)'")
            }
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0)
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 0)
        }
    }

    func testBotsAreTurnedAwayWithoutACaptcha() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // The honeypot: a person never sees it; a bot fills it in and is told "thank you".
            let bot = try await Browser(app).sign(email: "bot@example.nl", extra: ["website": "http://spam.example"])
            XCTAssertEqual(bot.location, ManifestoPath.thanks.path)

            // Sent back faster than a person can type.
            let hasty = Browser(app)
            let page = try await hasty.get(ManifestoPath.page().path)
            let token = try XCTUnwrap(page.body.string.firstMatch(of: /name="form_token" value="([^"]+)"/)?.1)
            let tooFast = try await hasty.post(
                ManifestoPath.sign.path, ["name": "Snel", "email": "snel@example.nl", "district": "zuid", "form_token": String(token)])
            XCTAssertEqual(tooFast.status, .badRequest)
            XCTAssertTrue(tooFast.body.string.contains("Dat ging wel erg snel"))

            // A forged token.
            let forged = try await hasty.post(
                ManifestoPath.sign.path, ["name": "Vals", "email": "vals@example.nl", "district": "zuid", "form_token": "1.abc"])
            XCTAssertEqual(forged.status, .badRequest)

            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0)
        }
    }

    func testSignUpsAreLimitedPerIPAddress() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            app.signing.limitPerIP = 3
            for n in 1...3 {
                let ok = try await Browser(app).sign(email: "p\(n)@example.nl")
                XCTAssertEqual(ok.location, ManifestoPath.thanks.path)
            }
            let limited = try await Browser(app).sign(email: "p4@example.nl")
            XCTAssertEqual(limited.status, .tooManyRequests)
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 3)
        }
    }

    func testNamesWithMarkupAreShownEscaped() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let resident = Browser(app)
            try await resident.sign(name: "<script>alert(1)</script> Bob", email: "xss@example.nl")
            try await resident.confirmSignature(of: "xss@example.nl")
            app.manifestoCount.clear()
            let page = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertFalse(page.contains("<script>alert(1)</script>"))
            XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    func testTheCounterEqualsTheTableAfterAConcurrentBurst() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: tokens issued a while ago, as for people who took their time
            let form = { @Sendable (n: Int) in
                SignatureFactory.form(app, name: "Persoon \(n)", email: "burst\(n % 150)@example.nl", ref: n % 2 == 0 ? "markt" : nil)
            }
            app.signing.limitPerIP = 10_000

            // MUT: 200 sign-ups at once, 50 of them repeats of an address
            try await withThrowingTaskGroup(of: SignManifesto.Outcome.self) { group in
                for n in 0..<200 {
                    let signature = form(n)
                    group.addTask { try await SignManifesto(app: app).run(signature, language: .nl, ip: "10.0.0.\(n % 7)", user: nil) }
                }
                for try await outcome in group { XCTAssertEqual(outcome, .checkYourMail) }
            }
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 150, "one signature per mailbox")

            // and confirming them concurrently
            try await app.deliverMail()
            let links = try (0..<150).map {
                try XCTUnwrap(MailSink.link(app: app, to: "burst\($0)@example.nl", for: ManifestoPath.confirm(.key)))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for link in links + links.prefix(30) {
                    let secret = String(link.split(separator: "/").last!)
                    group.addTask { _ = try await ConfirmSignature(app: app).run(secret: secret) }
                }
                try await group.waitForAll()
            }

            // validation
            let total = try await SignatureCounter.total(on: app.db)
            XCTAssertEqual(total, 150)
            let problems = try await ManifestoFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
