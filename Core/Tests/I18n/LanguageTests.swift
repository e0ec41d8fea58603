import KrachtTesting
import Leaf
import LeafKit
import Vapor
import XCTest

@testable import KrachtCore

/// Five languages: what differs in code (plural rules, amounts), which language a page speaks
/// among those it offers, and the frame Core draws around a page in each of them.
final class LanguageTests: XCTestCase {
    func testEachLanguageCountsWithItsOwnPluralRule() {
        // MUT / validation
        let expected: [(Language, Int, PluralCategory)] = [
            (.nl, 1, .one), (.nl, 0, .other), (.en, 2, .other),
            (.ar, 0, .zero), (.ar, 1, .one), (.ar, 2, .two), (.ar, 3, .few), (.ar, 10, .few), (.ar, 11, .many),
            (.ar, 99, .many), (.ar, 100, .other), (.ar, 102, .other), (.ar, 103, .few),
            (.pl, 1, .one), (.pl, 2, .few), (.pl, 4, .few), (.pl, 5, .many), (.pl, 12, .many), (.pl, 22, .few), (.pl, 0, .many),
            (.tr, 1, .one), (.tr, 2, .other),
        ]
        for (language, count, category) in expected {
            XCTAssertEqual(language.pluralCategory(for: count), category, "\(language.rawValue) \(count)")
            XCTAssertTrue(language.pluralCategories.contains(category), "\(language.rawValue) gives the form it picks")
        }
    }

    func testAmountsAreWrittenTheWayEachLanguageWritesThem() {
        // MUT / validation
        XCTAssertEqual(Money.format(cents: 123_456, in: .nl), "€ 1.234,56")
        XCTAssertEqual(Money.format(cents: 123_456, in: .en), "€1,234.56")
        XCTAssertEqual(Money.format(cents: 123_456, in: .ar), "€1,234.56", "Western digits, as on the letters people bring")
        XCTAssertEqual(Money.format(cents: 123_456, in: .tr), "€1.234,56")
        XCTAssertEqual(Money.format(cents: 123_456, in: .pl), "1\u{00A0}234,56\u{00A0}€")
        XCTAssertEqual(Money.format(cents: -5, in: .pl), "-0,05\u{00A0}€")
    }

    func testAChosenLanguageCountsOnlyWhereThePageOffersIt() async throws {
        try await withApp { app in
            // setup
            func request(cookie: String?, accept: String?) -> Request {
                var headers = HTTPHeaders()
                if let cookie { headers.add(name: .cookie, value: "\(Language.cookieName)=\(cookie)") }
                if let accept { headers.add(name: .acceptLanguage, value: accept) }
                return Request(application: app, headers: headers, on: app.eventLoopGroup.next())
            }

            // MUT / validation
            XCTAssertEqual(Language.preferred(by: request(cookie: "tr", accept: nil), offered: Language.site), .nl)
            XCTAssertEqual(Language.preferred(by: request(cookie: "tr", accept: "tr-TR, en;q=0.8"), offered: Language.site), .en)
            XCTAssertEqual(Language.preferred(by: request(cookie: "tr", accept: "en"), offered: Language.allCases), .tr)
            XCTAssertEqual(Language.preferred(by: request(cookie: nil, accept: "ar-MA, fr;q=0.5"), offered: Language.allCases), .ar)
            XCTAssertEqual(
                Language.preferred(by: request(cookie: "so", accept: "pl"), offered: Language.allCases), .pl, "an unknown cookie is ignored"
            )
        }
    }

    func testAPageAboutSomethingInOneLanguageSpeaksItUnlessTheVisitorChose() async throws {
        try await withApp { app in
            // setup
            func request(cookie: String?, accept: String?, offered: [Language]) -> Request {
                var headers = HTTPHeaders()
                if let cookie { headers.add(name: .cookie, value: "\(Language.cookieName)=\(cookie)") }
                if let accept { headers.add(name: .acceptLanguage, value: accept) }
                let req = Request(application: app, headers: headers, on: app.eventLoopGroup.next())
                req.offeredLanguages = offered
                return req
            }
            let noChoice = request(cookie: nil, accept: "nl", offered: Language.allCases)
            let chosen = request(cookie: "tr", accept: "nl", offered: Language.allCases)
            let notOffered = request(cookie: nil, accept: "nl", offered: Language.site)
            let chosenElsewhere = request(cookie: "pl", accept: "en", offered: Language.site)

            // MUT
            for req in [noChoice, chosen, notOffered, chosenElsewhere] { req.useLanguageUnlessChosen(.ar) }
            chosenElsewhere.useLanguageUnlessChosen(.nl)

            // validation
            XCTAssertEqual(noChoice.language, .ar, "no cookie: the thing's own language, not the browser's")
            XCTAssertEqual(chosen.language, .tr, "the visitor's choice wins")
            XCTAssertEqual(notOffered.language, .nl, "a language the page does not offer is ignored")
            XCTAssertEqual(chosenElsewhere.language, .nl, "a cookie for a language this page lacks is no choice here")
        }
    }

    func testArabicDigitsAndMarksAreReadAsAmounts() {
        // MUT / validation
        XCTAssertEqual(Money.westernDigits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"), "0123456789 0123456789")
        XCTAssertEqual(Money.parseCents("١٢٥"), 12_500)
        XCTAssertEqual(Money.parseCents("١٬٠٠٠٫٥٠"), 100_050, "Arabic thousands and decimal marks")
        XCTAssertEqual(Money.parseCents("€ ۲۵٫۵"), 2_550, "Persian digits")
        XCTAssertNil(Money.parseCents("١٢٫٣٤٥٦"))
    }

    func testAPageNotOfferingArabicIgnoresTheCookieAndDoesNotOfferIt() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)
            browser.cookies[Language.cookieName] = "ar"

            // MUT
            let page = try await browser.get(CorePath.privacy.path).body.string

            // validation
            XCTAssertTrue(page.contains(#"<html lang="nl" dir="ltr">"#))
            XCTAssertTrue(page.contains(#"hreflang="en""#))
            for absent in [#"hreflang="ar""#, "العربية", #"hreflang="tr""#, #"hreflang="pl""#] {
                XCTAssertFalse(page.contains(absent), absent)
            }
        }
    }

    func testAPageOfferingFiveLanguagesSpeaksArabicRightToLeftAndOffersTheOthers() async throws {
        try await withApp { app in
            // setup
            try offerFiveLanguages(app)
            let browser = Browser(app)
            browser.cookies[Language.cookieName] = "ar"

            // MUT
            let page = try await browser.get("vijf-talen").body.string

            // validation
            XCTAssertTrue(page.contains(#"<html lang="ar" dir="rtl">"#))
            XCTAssertTrue(page.contains("انتقل إلى المحتوى"), "the layout's own texts in Arabic")
            for (code, name) in [("nl", "Nederlands"), ("en", "English"), ("tr", "Türkçe"), ("pl", "Polski")] {
                XCTAssertTrue(page.contains(#"lang="\#(code)" hreflang="\#(code)" dir="ltr">\#(name)</a>"#), code)
            }
            XCTAssertFalse(page.contains(#"hreflang="ar""#), "not the language the page is in")

            // A staff member sees the header's staff sections in Arabic too (withApp fails on a missing one).
            _ = try await app.makeUser(email: "beheer@example.nl", roles: Role.allCases)
            try await browser.logIn("beheer@example.nl")
            let staff = try await browser.get("vijf-talen").body.string
            XCTAssertTrue(staff.contains("حسابي") && staff.contains("الأدوار"), "my account, roles")
        }
    }

    func testEveryLanguageFramesAPageAnErrorAndAFormWithoutAMissingText() async throws {
        try await withApp { app in
            // setup
            try offerFiveLanguages(app)
            let browser = Browser(app)

            for language in Language.allCases {
                browser.cookies[Language.cookieName] = language.rawValue

                // MUT
                let page = try await browser.get("vijf-talen").body.string
                let missing = try await browser.get("vijf-talen/nergens")
                let form = try await browser.get("vijf-talen/formulier").body.string

                // validation (withApp fails the test on any text missing in this language)
                let direction = language == .ar ? "rtl" : "ltr"
                XCTAssertTrue(page.contains(#"<html lang="\#(language.rawValue)" dir="\#(direction)">"#), language.rawValue)
                XCTAssertEqual(missing.status, .notFound)
                XCTAssertTrue(missing.body.string.contains(#"<html lang="\#(language.rawValue)""#), "the error page too")
                XCTAssertTrue(missing.body.string.contains(app.catalogue.text("error.not_found.title", in: language)))
                XCTAssertTrue(form.contains(app.catalogue.text("form.error_summary", in: language)), language.rawValue)
                XCTAssertTrue(form.contains(app.catalogue.text("form.required", in: language)), language.rawValue)
            }
        }
    }

    func testAMailInArabicSaysItsLanguageAndDirectionAroundItsText() async throws {
        try await withApp { app in
            // setup
            try offerFiveLanguages(app)
            try await app.mailer.enqueue(
                to: "iemand@example.nl", language: .ar, subjectKey: "contact.title", view: "five-mail",
                context: ["name": "Salma", "link": "http://kracht.test/fonds"], on: app.db)
            let first = try await OutboxMessage.query(on: app.db).first()
            let stored = try XCTUnwrap(first)

            // MUT
            let mail = MailSink.parse(try await app.mailer.render(stored))

            // validation
            XCTAssertTrue(mail.html.contains(#"<html lang="ar" dir="rtl">"#), mail.html)
            XCTAssertTrue(mail.html.contains("مرحبًا Salma،"))
            XCTAssertTrue(mail.html.contains("الزر لا يعمل؟"), "the layout's own text")
            XCTAssertTrue(mail.text.contains("مرحبًا Salma،"), mail.text)
        }
    }

    /// A made-up feature's pages in all five languages: one page, a missing one, a form with an error.
    private func offerFiveLanguages(_ app: Application) throws {
        try app.leaf.sources.register(
            source: "five",
            using: FiveLanguageViews(views: [
                "five": ##"#extend("layout"):#export("body"):<h1>#(layout.title)</h1>#endexport#endextend"##,
                "five-mail-html":
                    ##"#extend("mail/layout-html"):#export("body"):<p>#t("mail.greeting", "name", name)</p>#endexport#export("button"):#t("contact.title")#endexport#export("footer"):<p>#t("mail.signature")</p>#endexport#endextend"##,
                "five-mail-text": ##"#t("mail.greeting", "name", name) #raw(link) #t("mail.signature")"##,
                "five-form":
                    ##"#extend("layout"):#export("body"):#extend("partials/error-summary", page.errors)<p>#(page.message)</p>#endexport#endextend"##,
            ]), searchable: true)
        let pages = app.routes.grouped(OffersLanguages(Language.allCases)).grouped("vijf-talen")
        pages.get { req in try await req.render("five", titleKey: "layout.about") }
        pages.get("nergens") { _ -> Response in throw Abort(.notFound) }
        pages.get("formulier") { req in
            var errors = FormErrors()
            errors.add("name", req.t("form.required"))
            return try await req.render(
                "five-form", titleKey: "contact.title", FormPage(errors: errors, message: req.t("form.required")),
                status: .unprocessableEntity, errors: errors)
        }
    }
}

private struct FormPage: Encodable {
    var errors: FormErrors
    var message: String
}

private struct FiveLanguageViews: LeafSource {
    let views: [String: String]
    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        guard let text = views[template] else { return eventLoop.makeFailedFuture(LeafError(.noTemplateExists(template))) }
        return eventLoop.makeSucceededFuture(ByteBuffer(string: text))
    }
}
