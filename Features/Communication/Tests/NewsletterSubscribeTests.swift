import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// Double opt-in end to end through the mail sink, and every bad input refused with a
/// translated message and nothing stored.
final class NewsletterSubscribeTests: XCTestCase {
    func testDoubleOptInThroughTheMailSinkAndNoAddressEnumeration() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let district = app.reference.districts[0].slug, domain = app.reference.domains[0].slug
            let browser = Browser(app)

            // MUT: the form with a campaign code, posted with a district and a domain
            let posted = try await NewsletterFixture.subscribe(
                app, browser,
                [("email", "Sanne.deVries@Example.nl"), ("name", "Sanne de Vries"), ("district", district), ("domain", domain)],
                ref: "buurtkrant-west")

            // validation: pending, one confirmation mail, the neutral page
            XCTAssertEqual(posted.status, .seeOther, posted.body.string)
            XCTAssertEqual(posted.location, NewsletterPath.checkMail.path)
            let pending = try await NewsletterFixture.subscriber(app, "sanne.devries@example.nl")
            XCTAssertEqual(pending?.status, .pending)
            XCTAssertEqual(pending?.districts, [district])
            XCTAssertEqual(pending?.domains, [domain])
            XCTAssertEqual(pending?.ref, "buurtkrant-west")
            try await app.deliverMail()
            let link = try XCTUnwrap(try MailSink.link(app: app, to: "Sanne.deVries@Example.nl", containing: "/nieuwsbrief/bevestigen/"))
            let check = try await browser.get(NewsletterPath.checkMail.path)
            XCTAssertTrue(check.body.string.contains("Kijk in je mail"))

            // MUT: the link, twice
            let confirmed = try await browser.get(link)
            let again = try await browser.get(link)

            // validation
            XCTAssertEqual(confirmed.status, .ok)
            XCTAssertTrue(confirmed.body.string.contains("Je staat op de lijst"))
            XCTAssertTrue(again.body.string.contains("was al bevestigd"))
            let row = try await NewsletterFixture.subscriber(app, "sanne.devries@example.nl")
            XCTAssertEqual(row?.status, .confirmed)
            XCTAssertNotNil(row?.confirmedAt)

            // MUT: signing up again once confirmed: the same page, a kind mail with the preferences
            let repeated = try await NewsletterFixture.subscribe(app, Browser(app), [("email", "sanne.devries@example.nl")])
            try await app.deliverMail()

            // validation
            XCTAssertEqual(repeated.location, NewsletterPath.checkMail.path)
            let count = try await NewsletterSubscriber.query(on: app.db).count()
            XCTAssertEqual(count, 1)
            let mails = try MailSink.messages(app: app, to: "sanne.devries@example.nl")
            XCTAssertTrue(mails.last?.text.contains("/nieuwsbrief/voorkeuren/") == true)
            XCTAssertTrue(mails.last?.raw.contains("List-Unsubscribe") == true)
            let problems = try await CommunicationFeature().verify(app: app)
            XCTAssertEqual(problems.filter { $0.hasPrefix("newsletter") }, [])
        }
    }

    func testAnExpiredLinkShowsTheFormAgainAndAPendingRepeatIsThrottled() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let browser = Browser(app)
            _ = try await NewsletterFixture.subscribe(app, browser, [("email", "bram@example.nl")])
            _ = try await NewsletterFixture.subscribe(app, browser, [("email", "bram@example.nl")])
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "bram@example.nl").count, 1)
            let link = try XCTUnwrap(try MailSink.link(app: app, to: "bram@example.nl", containing: "/nieuwsbrief/bevestigen/"))

            // MUT
            app.clock.advance(by: 8 * 24 * 3600)
            let expired = try await browser.get(link)

            // validation
            XCTAssertEqual(expired.status, .gone)
            XCTAssertTrue(expired.body.string.contains("is verlopen"))
            XCTAssertTrue(expired.body.string.contains("id=\"newsletter-form\""))
            let row = try await NewsletterFixture.subscriber(app, "bram@example.nl")
            XCTAssertEqual(row?.status, .pending)
            let unknown = try await browser.get(NewsletterPath.confirm(.value("nonsense")).path)
            XCTAssertEqual(unknown.status, .notFound)
        }
    }

    func testBadInputIsRefusedWithATranslatedMessageAndNothingStored() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let cases: [([(String, String)], String, String)] = [
                ([("email", "")], "newsletter-email", "Vul dit veld in"),
                ([("email", "niet-een-adres")], "newsletter-email", "geen geldig e-mailadres"),
                ([("email", String(repeating: "a", count: 300) + "@example.nl")], "newsletter-email", "geen geldig e-mailadres"),
                // the page escapes the message's < and >
                ([("email", "iris@example.nl"), ("name", "<script>alert(1)</script>")], "newsletter-name", "&lt; of &gt;"),
                ([("email", "iris@example.nl"), ("name", String(repeating: "x", count: 500))], "newsletter-name", "maximaal 100 tekens"),
                ([("email", "iris@example.nl"), ("district", "atlantis")], "newsletter-districts", "uit de lijst"),
            ]
            for (fields, id, text) in cases {
                // MUT
                let response = try await NewsletterFixture.subscribe(app, Browser(app), fields)

                // validation
                XCTAssertEqual(response.status, .unprocessableEntity, "\(fields)")
                response.assertFormErrors(title: "Nieuwsbrief", links: [(id, text)])
                XCTAssertFalse(response.body.string.contains("<script>alert"))
            }
            // the districts' summary line leads to the first district's box, which its label names
            let form = try await Browser(app).get(NewsletterPath.subscribe().path)
            XCTAssertTrue(form.body.string.contains(#"<input id="newsletter-districts" name="district" type="checkbox""#))
            XCTAssertTrue(form.body.string.contains(#"<label for="newsletter-districts">"#))
            // English
            let browser = Browser(app)
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            let english = try await NewsletterFixture.subscribe(app, browser, [("email", "")])
            XCTAssertTrue(english.body.string.contains("Please fill in this field."))

            // too fast (no waiting), honeypot
            let fast = try await Browser(app).post(
                NewsletterPath.subscribe().path,
                ["email": "kofi@example.nl", "form_token": NewsletterFormToken.make(at: app.clock.now(), key: app.config.secretKey)])
            XCTAssertEqual(fast.status, .unprocessableEntity)
            XCTAssertTrue(fast.body.string.contains("Dat ging te snel"))
            let bot = try await NewsletterFixture.subscribe(app, Browser(app), [("email", "bot@example.nl"), ("website", "http://spam")])
            XCTAssertEqual(bot.location, NewsletterPath.checkMail.path)

            let stored = try await NewsletterSubscriber.query(on: app.db).count()
            XCTAssertEqual(stored, 0)
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "bot@example.nl").count, 0)
        }
    }

    func testEveryPageLinksToTheFormFromItsFooter() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let english = Browser(app)
            english.headers.replaceOrAdd(name: .acceptLanguage, value: "en")

            // MUT
            let home = try await Browser(app).get("/").body.string
            let homeEN = try await english.get("/").body.string
            let form = try await Browser(app).get(NewsletterPath.subscribe().path).body.string

            // validation: in the footer's list, after Core's own links; the form's own page marks it current
            let link = #"<li><a href="\#(NewsletterPath.subscribe().path)">Blijf op de hoogte: nieuwsbrief</a></li>"#
            let footer = try XCTUnwrap(home.range(of: #"<footer class="site-footer">"#))
            XCTAssertTrue(home[footer.upperBound...].contains(link), home)
            XCTAssertTrue(homeEN.contains(">Stay informed: newsletter</a>"))
            XCTAssertTrue(form.contains(#"href="\#(NewsletterPath.subscribe().path)" aria-current="page">Blijf op de hoogte"#))
        }
    }

    func testTwoPostsAtOnceMakeOneRow() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let token = NewsletterFormToken.make(at: app.clock.now().addingTimeInterval(-10), key: app.config.secretKey)
            var first = NewsletterForm(email: "noor@example.nl")
            first.formToken = token
            var second = NewsletterForm(email: "Noor@Example.nl")
            second.formToken = token
            let (one, two) = (first, second)
            // MUT
            async let a = Subscribe(app: app).run(one, language: .nl, rateKey: "a", t: { $0 })
            async let b = Subscribe(app: app).run(two, language: .nl, rateKey: "b", t: { $0 })
            let outcomes = try await [a, b]

            // validation
            XCTAssertTrue(outcomes.contains(.pending), "\(outcomes)")
            let rows = try await NewsletterSubscriber.query(on: app.db).count()
            XCTAssertEqual(rows, 1)
        }
    }
}
