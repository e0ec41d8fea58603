import Foundation
import KrachtCore
import XCTest

/// The catalogues as files: every part (Core and each feature folder) gives every language every
/// key with the same placeholders, and its code uses no key that is missing and leaves none unused.
final class CatalogueTests: XCTestCase {
    private typealias Texts = [String: CatalogueEntry]

    /// Each part's texts per language, read the way the app reads them.
    private func catalogues() throws -> [(part: CataloguePart, texts: [Language: Texts])] {
        try CataloguePart.all().map { part in
            var texts: [Language: Texts] = [:]
            for language in Language.allCases {
                let url = part.locales.appendingPathComponent("\(language.rawValue).json")
                texts[language] = try JSONDecoder().decode(Texts.self, from: Data(contentsOf: url))
            }
            return (part, texts)
        }
    }

    func testEveryPartHasOneFilePerLanguageAndNoOther() throws {
        for part in try CataloguePart.all() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: part.locales.path)) ?? []
            XCTAssertEqual(
                Set(files.filter { $0.hasSuffix(".json") }), Set(Language.allCases.map { "\($0.rawValue).json" }),
                "\(part.name)/Locales: one <language>.json per Language case")
        }
    }

    func testEveryLanguageHasEveryKeyAndNoOther() throws {
        for (part, texts) in try catalogues() {
            let dutch = Set(texts[.nl]!.keys)
            for language in Language.allCases where language != .nl {
                let keys = Set(texts[language]!.keys)
                XCTAssertEqual(dutch.subtracting(keys).sorted(), [], "\(part.name): missing in \(language.rawValue).json")
                XCTAssertEqual(keys.subtracting(dutch).sorted(), [], "\(part.name): only in \(language.rawValue).json")
            }
        }
    }

    func testPlaceholdersAreNamedAndAgreeAcrossLanguages() throws {
        for (part, texts) in try catalogues() {
            for (key, dutch) in texts[.nl]! {
                XCTAssertFalse(
                    dutch.placeholders.contains { $0.allSatisfy(\.isNumber) },
                    "\(part.name): \(key) numbers its placeholders; name them, e.g. {name}, {count}")
                for language in Language.allCases {
                    guard let entry = texts[language]![key] else { continue }
                    XCTAssertEqual(entry.placeholders, dutch.placeholders, "\(part.name): \(key) in \(language.rawValue)")
                }
            }
        }
    }

    func testPluralTextsGiveExactlyTheFormsOfTheirLanguage() throws {
        for (part, texts) in try catalogues() {
            for language in Language.allCases {
                for (key, entry) in texts[language]! {
                    guard case .plural(let forms) = entry else { continue }
                    XCTAssertEqual(Set(forms.keys), language.pluralCategories, "\(part.name): \(key) in \(language.rawValue)")
                }
            }
        }
    }

    func testEveryLanguageSaysItsDirection() throws {
        let core = try XCTUnwrap(catalogues().first { $0.part.name == "Core" })
        for language in Language.allCases {
            XCTAssertTrue(["ltr", "rtl"].contains(core.texts[language]!["language.dir"]?.forms.first), "\(language.rawValue)")
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
