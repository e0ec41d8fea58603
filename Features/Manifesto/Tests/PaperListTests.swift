import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #8, item 8: a coordinator types in a paper sheet as it was written, sees each line that
/// cannot be read with its reason, confirms the parsed list, and cannot enter one sheet twice.
final class PaperListTests: XCTestCase {
    func coordinator(_ app: Application, name: String = "Youssef", email: String = "coord@example.nl") async throws -> Browser {
        _ = try await app.makeUser(name: name, email: email, roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn(email)
        return browser
    }

    func testDistrictsAreReadWithoutHyphensCaseOrAccentsAndByTheirCode() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // MUT
            let sheet = PaperSheet.read(
                "Anna de Wit; Nieuw West\nBob Smit; NIEUW-WEST\nCees; zuid oost\nDirk; F\nEva; t\nFenna; Céntrum\nGijs\tWest\nHanna; buiten Amsterdam",
                districts: app.reference.districts, outside: Signature.outsideAmsterdam)

            // validation
            XCTAssertEqual(sheet.bad, [])
            XCTAssertEqual(
                sheet.entries.map(\.district),
                ["nieuw-west", "nieuw-west", "zuidoost", "nieuw-west", "zuidoost", "centrum", "west", Signature.outsideAmsterdam])
            XCTAssertEqual(sheet.entries.first?.name, "Anna de Wit")
        }
    }

    func testEachBadLineIsNamedBesideTheFormWithItsReasonAndNothingIsStored() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)
            let lines = "Ann; Oost\nBob; Atlantis\n\nCees\n; West\nAnna de Wit; Nieuw West"

            // MUT
            let response = try await desk.post(ManifestoPath.adminPaper.path, ["sheet": "Dappermarkt 12 okt", "lines": lines])

            // validation: lines 2, 4 and 5 (the blank line 3 is skipped, not counted), each with its reason
            XCTAssertEqual(response.status, .badRequest)
            let html = response.body.string
            XCTAssertTrue(html.contains("<title>Fout:"), "the title says there is a problem")
            XCTAssertTrue(html.contains("3 regels kunnen we niet lezen; 2 regels zijn goed"))
            XCTAssertTrue(html.contains("<th scope=\"row\">2</th><td>Bob; Atlantis</td><td>Dit stadsdeel kennen we niet."))
            XCTAssertTrue(html.contains("<th scope=\"row\">4</th><td>Cees</td><td>Het stadsdeel ontbreekt"))
            XCTAssertTrue(html.contains("<th scope=\"row\">5</th><td>; West</td><td>De naam ontbreekt."))
            XCTAssertFalse(html.contains("<td>Anna de Wit; Nieuw West</td>"), "the issue's own line reads")
            XCTAssertTrue(html.contains("Anna de Wit; Nieuw West</textarea>"), "the whole list stays in the form to fix")
            let stored = try await Signature.query(on: app.db).count()
            XCTAssertEqual(stored, 0)
        }
    }

    func testAListIsShownAsReadThenRecordedAndTheCountIsSaid() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)
            let form = ["sheet": "Dappermarkt 12 okt", "lines": "Anna de Wit; Nieuw West\nBob Smit; F\nCees; buiten Amsterdam"]

            // MUT: check first
            let preview = try await desk.post(ManifestoPath.adminPaper.path, form)

            // validation: the parsed list, nothing stored yet
            XCTAssertEqual(preview.status, .ok)
            XCTAssertTrue(preview.body.string.contains("<th scope=\"row\">Bob Smit</th><td>Nieuw-West</td>"))
            XCTAssertTrue(preview.body.string.contains("3 handtekeningen. Er is nog niets opgeslagen."))
            var stored = try await Signature.query(on: app.db).count()
            XCTAssertEqual(stored, 0)

            // MUT: confirm
            var confirmed = form
            confirmed["confirm"] = "1"
            let recorded = try await desk.post(ManifestoPath.adminPaper.path, confirmed)

            // validation
            let location = try XCTUnwrap(recorded.location)
            XCTAssertTrue(location.hasPrefix(ManifestoPath.adminPaper.path + "?lijst="))
            let page = try await desk.get(location).body.string
            XCTAssertTrue(page.contains("Lijst ‘Dappermarkt 12 okt’ is vastgelegd: 3 handtekeningen tellen nu mee."))
            XCTAssertTrue(page.contains("<th scope=\"row\">Dappermarkt 12 okt</th>"), "listed among the sheets entered")
            stored = try await Signature.query(on: app.db).filter(\.$source == "paper").count()
            XCTAssertEqual(stored, 3)
            let counters = try await SignatureCounter.values(on: app.db)
            XCTAssertEqual(counters[.paper], 3)
        }
    }

    func testTheSameReferenceTwiceIsRefusedNamingWhenAndByWhom() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let first = try await coordinator(app)
            _ = try await first.post(
                ManifestoPath.adminPaper.path, ["sheet": "Dappermarkt 12 okt", "lines": "Ann; Oost\nBob; West", "confirm": "1"])
            let second = try await coordinator(app, name: "Marieke", email: "marieke@example.nl")

            // MUT: the same sheet, typed a little differently
            let again = try await second.post(
                ManifestoPath.adminPaper.path, ["sheet": "dappermarkt  12 OKT", "lines": "Ann; Oost\nBob; West", "confirm": "1"])

            // validation
            XCTAssertEqual(again.status, .conflict)
            let html = again.body.string
            XCTAssertTrue(html.contains("Lijst ‘Dappermarkt 12 okt’ is al ingevoerd op"), html)
            XCTAssertTrue(html.contains("door Youssef"))
            XCTAssertTrue(html.contains(AmsterdamTime.date(app.clock.now(), in: .nl)))
            let counters = try await SignatureCounter.values(on: app.db)
            XCTAssertEqual(counters[.paper], 2, "counted once")
        }
    }

    func testAPaperListCountsForItsCampaign() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)
            _ = try await desk.post(ManifestoPath.adminCampaigns.path, ["name": "Markt Noord", "code": "markt-noord", "channel": "street"])

            // MUT
            _ = try await desk.post(
                ManifestoPath.adminPaper.path,
                ["sheet": "Buikslotermeerplein 1", "campaign": "markt-noord", "lines": "Ann; Noord\nBob; N", "confirm": "1"])
            let unknown = try await desk.post(
                ManifestoPath.adminPaper.path, ["sheet": "Buikslotermeerplein 2", "campaign": "bestaat-niet", "lines": "Ann; Noord"])

            // validation
            let tied = try await Signature.query(on: app.db).filter(\.$campaign == "markt-noord").count()
            XCTAssertEqual(tied, 2)
            let page = try await desk.get(ManifestoPath.adminCampaign(.value("markt-noord")).path).body.string
            XCTAssertTrue(page.contains("<th scope=\"row\">\(AmsterdamTime.day(app.clock.now()))</th><td>0</td><td>2</td>"))
            XCTAssertEqual(unknown.status, .badRequest)
            XCTAssertTrue(unknown.body.string.contains("Kies een campagne uit de lijst."))
        }
    }
}
