import KrachtCore
import KrachtTesting
import Leaf
import LeafKit
import Vapor
import XCTest

/// Texts at run time: named arguments, plural forms, strictness in tests, fallback in production.
final class TranslationTests: XCTestCase {
    private let texts: [Language: [String: CatalogueEntry]] = [
        .nl: [
            "t.greeting": .text("Hallo {name},"),
            "t.signed": .plural([.one: "{count} Amsterdammer tekende", .other: "{count} Amsterdammers tekenden"]),
            "t.only_dutch": .text("Alleen Nederlands"),
        ],
        .en: [
            "t.greeting": .text("Hello {name},"),
            "t.signed": .plural([.one: "{count} Amsterdammer signed", .other: "{count} Amsterdammers signed"]),
        ],
    ]

    func testNamedArgumentsAreFilledOnceEach() {
        // setup
        let catalogue = Catalogue(entries: texts, strict: true)

        // MUT
        let dutch = catalogue.text("t.greeting", in: .nl, ["name": "Zoë"])
        let sneaky = catalogue.text("t.greeting", in: .en, ["name": "{name}{count}"])

        // validation
        XCTAssertEqual(dutch, "Hallo Zoë,")
        XCTAssertEqual(sneaky, "Hello {name}{count},", "a name with braces is shown as typed, not filled in again")
        XCTAssertEqual(catalogue.takeProblems(), [])
    }

    func testACountPicksThePluralFormAndIsGroupedPerLanguage() {
        // setup
        let catalogue = Catalogue(entries: texts, strict: true)

        // MUT / validation
        XCTAssertEqual(catalogue.text("t.signed", in: .nl, count: 1), "1 Amsterdammer tekende")
        XCTAssertEqual(catalogue.text("t.signed", in: .nl, count: 0), "0 Amsterdammers tekenden")
        XCTAssertEqual(catalogue.text("t.signed", in: .nl, count: 10_000), "10.000 Amsterdammers tekenden")
        XCTAssertEqual(catalogue.text("t.signed", in: .en, count: 1), "1 Amsterdammer signed")
        XCTAssertEqual(catalogue.text("t.signed", in: .en, count: 2_500), "2,500 Amsterdammers signed")
        XCTAssertEqual(catalogue.takeProblems(), [])
    }

    func testPluralTextsAreReadFromJSONAndNeedAnOtherForm() throws {
        // MUT
        let entries = try JSONDecoder().decode(
            [String: CatalogueEntry].self, from: Data(#"{"a": "x", "b": {"one": "1", "other": "n"}}"#.utf8))

        // validation
        XCTAssertEqual(entries["a"], .text("x"))
        XCTAssertEqual(entries["b"], .plural([.one: "1", .other: "n"]))
        XCTAssertThrowsError(try JSONDecoder().decode([String: CatalogueEntry].self, from: Data(#"{"b": {"one": "1"}}"#.utf8)))
        XCTAssertThrowsError(
            try JSONDecoder().decode([String: CatalogueEntry].self, from: Data(#"{"b": {"een": "1", "other": "n"}}"#.utf8)))
    }

    func testAStrictCatalogueRecordsEveryMistake() {
        // setup
        let catalogue = Catalogue(entries: texts, strict: true)

        // MUT
        let missing = catalogue.text("t.nowhere", in: .nl)
        let untranslated = catalogue.text("t.only_dutch", in: .en)
        _ = catalogue.text("t.greeting", in: .nl, ["nmae": "Zoë"])
        _ = catalogue.text("t.signed", in: .nl)

        // validation
        XCTAssertEqual(missing, "t.nowhere")
        XCTAssertEqual(untranslated, "Alleen Nederlands")
        XCTAssertEqual(
            catalogue.takeProblems(),
            [
                "the text t.nowhere is missing in nl", "the text t.only_dutch is missing in en",
                "the text t.greeting (nl) has no argument {name}", "the text t.signed has plural forms but was asked for without a count",
            ])
        XCTAssertEqual(catalogue.takeProblems(), [], "taken once")
    }

    func testProductionFallsBackToDutchWithoutFailing() {
        // setup
        let catalogue = Catalogue(entries: texts, strict: false)

        // MUT / validation
        XCTAssertEqual(catalogue.text("t.only_dutch", in: .en), "Alleen Nederlands")
        XCTAssertEqual(catalogue.text("t.nowhere", in: .en), "t.nowhere")
        XCTAssertEqual(catalogue.takeProblems(), [], "logged, not recorded")
    }

    func testTheTagTakesNamePairsAndACount() async throws {
        try await withApp { app in
            // setup
            app.catalogue = Catalogue(entries: texts, strict: true)
            try app.leaf.sources.register(
                source: "inline",
                using: InlineViews(views: [
                    "t-test": #"#t("t.greeting", "name", name)|#t("t.signed", "count", one)|#t("t.signed", "count", many)"#
                ]), searchable: true)
            app.get("t-test") { req in
                try await req.view.render("t-test", ["name": AnyCodableValue.text("Priya"), "one": .number(1), "many": .number(1200)])
            }

            // MUT
            let english = try await app.sendRequest(.GET, "t-test", headers: ["Accept-Language": "en"])
            let dutch = try await app.sendRequest(.GET, "t-test")

            // validation
            XCTAssertEqual(english.body.string, "Hello Priya,|1 Amsterdammer signed|1,200 Amsterdammers signed")
            XCTAssertEqual(dutch.body.string, "Hallo Priya,|1 Amsterdammer tekende|1.200 Amsterdammers tekenden")
        }
    }

    func testAMissingKeyInAViewIsRecordedInTests() async throws {
        try await withApp { app in
            // setup
            try app.leaf.sources.register(
                source: "inline", using: InlineViews(views: ["broken": #"#t("nowhere.to_be_found")"#]),
                searchable: true)
            app.get("broken") { req in try await req.view.render("broken") }

            // MUT
            _ = try await app.sendRequest(.GET, "broken")

            // validation
            XCTAssertEqual(app.catalogue.takeProblems(), ["the text nowhere.to_be_found is missing in nl"])
        }
    }

    func testPagesSayTheirLanguageAndDirection() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)

            // MUT
            let dutch = try await browser.get(CorePath.privacy.path)
            browser.cookies[Language.cookieName] = "en"
            let english = try await browser.get(CorePath.privacy.path)

            // validation
            XCTAssertTrue(dutch.body.string.contains(#"<html lang="nl" dir="ltr">"#))
            XCTAssertTrue(english.body.string.contains(#"<html lang="en" dir="ltr">"#))
            XCTAssertTrue(dutch.body.string.contains(#"hreflang="en" dir="ltr">English</a>"#), "each language named in itself")
            XCTAssertTrue(english.body.string.contains(#"hreflang="nl" dir="ltr">Nederlands</a>"#))
        }
    }

    func testAFlashCookieWithAnUnknownKeyShowsNothing() async throws {
        try await withApp { app in
            // setup
            let browser = Browser(app)
            browser.cookies["kracht_flash"] = "made.up_key"

            // MUT
            let page = try await browser.get(CorePath.privacy.path)

            // validation
            XCTAssertFalse(page.body.string.contains("class=\"flash\""))
            XCTAssertFalse(page.body.string.contains("made.up_key"))
        }
    }

    func testErrorPagesFillTheirNamedCode() async throws {
        try await withApp { app in
            // MUT
            let page = try await app.sendRequest(.GET, "nergens", headers: ["Accept": "text/html"])

            // validation
            XCTAssertEqual(page.status, .notFound)
            XCTAssertTrue(page.body.string.contains("Foutcode 404"))
        }
    }
}

private enum AnyCodableValue: Encodable {
    case text(String), number(Int)
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }
}

/// Views written in the test, so the tag can be tried with made-up texts.
private struct InlineViews: LeafSource {
    let views: [String: String]
    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        guard let text = views[template] else { return eventLoop.makeFailedFuture(LeafError(.noTemplateExists(template))) }
        return eventLoop.makeSucceededFuture(ByteBuffer(string: text))
    }
}
