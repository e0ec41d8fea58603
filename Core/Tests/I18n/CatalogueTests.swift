import Foundation
import KrachtCore
import XCTest

/// The catalogues as files. The site's languages (Dutch, English) are complete in every part;
/// a part may add a file in another language (a feature that offers it), holding a subset of the
/// Dutch keys with the same placeholders, and all of a part's extra languages have the same keys,
/// so one more language is one more file per part, copied and translated. A part's code uses no
/// key that is missing and leaves none unused.
final class CatalogueTests: XCTestCase {
    private typealias Texts = [String: CatalogueEntry]

    /// Each part's texts in the languages it has files for, read the way the app reads them.
    private func catalogues() throws -> [(part: CataloguePart, texts: [Language: Texts])] {
        try CataloguePart.all().map { part in
            var texts: [Language: Texts] = [:]
            for language in Language.allCases { texts[language] = try part.texts(in: language) }
            return (part, texts)
        }
    }

    func testEveryPartHasTheSiteLanguagesAndOnlyFilesOfKnownLanguages() throws {
        let known = Set(Language.allCases.map { "\($0.rawValue).json" })
        for part in try CataloguePart.all() {
            let files = Set(
                ((try? FileManager.default.contentsOfDirectory(atPath: part.locales.path)) ?? []).filter { $0.hasSuffix(".json") })
            for site in Language.site {
                XCTAssertTrue(files.contains("\(site.rawValue).json"), "\(part.name)/Locales lacks \(site.rawValue).json")
            }
            XCTAssertEqual(files.subtracting(known).sorted(), [], "\(part.name)/Locales: a file for a language Language does not have")
        }
    }

    func testTheSiteLanguagesHaveEveryKeyAndNoOther() throws {
        for (part, texts) in try catalogues() {
            let dutch = Set(texts[.nl]!.keys)
            for language in Language.site where language != .nl {
                let keys = Set(try XCTUnwrap(texts[language]).keys)
                XCTAssertEqual(dutch.subtracting(keys).sorted(), [], "\(part.name): missing in \(language.rawValue).json")
                XCTAssertEqual(keys.subtracting(dutch).sorted(), [], "\(part.name): only in \(language.rawValue).json")
            }
        }
    }

    /// Adding a language to a part is copying one of its extra files: they all say the same texts.
    func testAPartsExtraLanguagesHaveTheSameKeysAllDutch() throws {
        for (part, texts) in try catalogues() {
            let dutch = Set(texts[.nl]!.keys)
            let extra = Language.allCases.filter { !Language.site.contains($0) }.compactMap { language in
                texts[language].map { (language, Set($0.keys)) }
            }
            for (language, keys) in extra {
                XCTAssertEqual(keys.subtracting(dutch).sorted(), [], "\(part.name): only in \(language.rawValue).json, not in nl.json")
                guard let reference = extra.first, reference.0 != language else { continue }
                let (first, firstKeys) = reference
                XCTAssertEqual(
                    firstKeys.subtracting(keys).sorted(), [],
                    "\(part.name): in \(first.rawValue).json, missing in \(language.rawValue).json")
                XCTAssertEqual(
                    keys.subtracting(firstKeys).sorted(), [],
                    "\(part.name): in \(language.rawValue).json, missing in \(first.rawValue).json")
            }
        }
    }

    func testPlaceholdersAreNamedAndAgreeAcrossLanguages() throws {
        for (part, texts) in try catalogues() {
            for (key, dutch) in texts[.nl]! {
                XCTAssertFalse(
                    dutch.placeholders.contains { $0.allSatisfy(\.isNumber) },
                    "\(part.name): \(key) numbers its placeholders; name them, e.g. {name}, {count}")
                for (language, other) in texts {
                    guard let entry = other[key] else { continue }
                    XCTAssertEqual(entry.placeholders, dutch.placeholders, "\(part.name): \(key) in \(language.rawValue)")
                }
            }
        }
    }

    func testPluralTextsGiveExactlyTheFormsOfTheirLanguage() throws {
        for (part, texts) in try catalogues() {
            for (language, entries) in texts {
                for (key, entry) in entries {
                    guard case .plural(let forms) = entry else { continue }
                    XCTAssertEqual(Set(forms.keys), language.pluralCategories, "\(part.name): \(key) in \(language.rawValue)")
                }
            }
        }
    }

    func testEveryLanguageSaysItsDirection() throws {
        let core = try XCTUnwrap(catalogues().first { $0.part.name == "Core" })
        for language in Language.allCases {
            let texts = try XCTUnwrap(core.texts[language], "Core/Locales lacks \(language.rawValue).json")
            XCTAssertEqual(texts["language.dir"]?.forms, [language == .ar ? "rtl" : "ltr"], language.rawValue)
            XCTAssertNotNil(texts["language.name"], language.rawValue)
        }
    }

    /// A page in any language shows Core's frame around its feature's content: the layout, the
    /// error page, the error summary, a form's messages and the mail layout, all in that language.
    func testCoreGivesEveryLanguageTheTextsAroundAFeaturesPage() throws {
        let core = try XCTUnwrap(catalogues().first { $0.part.name == "Core" })
        var uses = TextUses()
        for view in ["layout", "error", "partials/error-summary", "mail/layout-html"] {
            let url = core.part.folder.appendingPathComponent("Views/\(view).leaf")
            uses.scan(file: url.path, try String(contentsOf: url, encoding: .utf8))
        }
        let frame = Set(uses.required.map(\.key)).union(
            core.texts[.nl]!.keys.filter { ["error.", "form.", "language."].contains(where: $0.hasPrefix) })
        XCTAssertTrue(frame.isSuperset(of: ["layout.skip", "error.not_found.title", "form.error_summary", "mail.link_fallback"]))
        for language in Language.allCases {
            let keys = Set(try XCTUnwrap(core.texts[language]).keys)
            XCTAssertEqual(frame.subtracting(keys).sorted(), [], "Core/Locales/\(language.rawValue).json")
        }
    }

    /// The header names every feature's sections, on every page, in the page's language.
    func testEveryFeatureNamesItsNavigationInEveryLanguage() throws {
        for (part, texts) in try catalogues() {
            let navigation = texts[.nl]!.keys.filter { $0.split(separator: ".").contains("nav") }
            for language in Language.allCases {
                let keys = Set(texts[language].map { Array($0.keys) } ?? [])
                XCTAssertEqual(
                    Set(navigation).subtracting(keys).sorted(), [], "\(part.name)/Locales/\(language.rawValue).json: the header's labels")
            }
        }
    }

    func testThePartsMergeWithoutAKeyTwice() throws {
        // MUT
        let merged = try Catalogue.load(from: CataloguePart.all().map(\.locales.path), strict: true)

        // validation
        XCTAssertTrue(merged.has("layout.skip"))
    }

    /// A part's code may use its own texts and Core's (a feature runs on Core alone).
    func testCodeUsesOnlyKeysThatExist() throws {
        let all = try catalogues()
        let everyKey = Set(all.flatMap { $0.texts[.nl]!.keys })
        let coreKeys = Set(all[0].texts[.nl]!.keys)
        for (part, texts) in all {
            let visible = coreKeys.union(texts[.nl]!.keys)
            var uses = TextUses()
            for file in part.code() { uses.scan(file: file.path, file.text) }
            for (file, key) in uses.required {
                let exists = key.contains("\u{0}") ? TextUses.names(key, in: everyKey) : visible.contains(key)
                XCTAssertTrue(
                    exists,
                    "\(file) uses the text \(key.replacingOccurrences(of: "\u{0}", with: "…")), which neither \(part.name)/Locales nor Core/Locales has"
                )
            }
        }
    }

    /// The rule the two checks below rely on, on made-up code.
    func testTheScanSeesLiteralBuiltAndRequiredKeys() {
        // setup
        var uses = TextUses()

        // MUT
        uses.scan(
            file: "a.swift",
            #"""
            // t("in.a_comment") is an example only
            let label = req.t("indicator.\(value.key)", count: 2)
            let key = status == 404 ? "error.not_found" : "error.server"
            let title = req.t(key + ".title")
            return Flash.redirect(req, to: "/", messageKey: "account.logged_out")
            """#)
        uses.scan(file: "a.leaf", ##"<nav aria-label="#t("layout.nav_label")"><p>#t("mail.greeting", "name", name)</p>"##)

        // validation
        for used in [
            "indicator.manifesto_signatures", "error.not_found", "error.not_found.title", "account.logged_out",
            "layout.nav_label", "mail.greeting",
        ] {
            XCTAssertTrue(uses.isUsed(used), used)
        }
        for unused in ["indicator.a.b", "in.a_comment", "error.server.subtitle", "mail.greeting.extra"] {
            XCTAssertFalse(uses.isUsed(unused), unused)
        }
        XCTAssertEqual(uses.required.map(\.key), ["indicator.\u{0}", "account.logged_out", "layout.nav_label", "mail.greeting"])
    }

    func testEveryKeyIsUsed() throws {
        var uses = TextUses()
        let all = try catalogues()
        for file in all.flatMap({ $0.part.code() }) { uses.scan(file: file.path, file.text) }
        for app in ["App/Sources", "Sources"] {
            let url = CataloguePart.packageRoot.appendingPathComponent(app)
            for case let file as URL in FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) ?? .init()
            where file.pathExtension == "swift" {
                uses.scan(file: file.path, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
            }
        }
        for (part, texts) in all {
            let unused = texts[.nl]!.keys.filter { !uses.isUsed($0) }.sorted()
            XCTAssertEqual(unused, [], "\(part.name): texts no code uses; remove them or use them")
        }
    }
}
