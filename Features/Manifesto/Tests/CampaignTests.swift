import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #8, item 9: a campaign register from which the link, poster and embedded counter come
/// in one click, figures per campaign with a trend, and an export with counts only.
final class CampaignTests: XCTestCase {
    func coordinator(_ app: Application) async throws -> Browser {
        _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coord@example.nl")
        return browser
    }

    let radio = ["name": "Radio FunX ochtendshow", "code": "radio-funx", "channel": "press", "starts_on": "", "ends_on": ""]

    func testACoordinatorCreatesACampaignAndGetsItsLinkPosterAndCounter() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)

            // MUT
            let created = try await desk.post(ManifestoPath.adminCampaigns.path, radio)

            // validation
            XCTAssertEqual(created.location, ManifestoPath.adminCampaign(.value("radio-funx")).path)
            let page = try await desk.get(ManifestoPath.adminCampaign(.value("radio-funx")).path).body.string
            XCTAssertTrue(page.contains("De campagne is aangemaakt."))
            XCTAssertTrue(page.contains("value=\"\(ManifestoPath.page(ref: "radio-funx").url(on: app))\""), "the link, ready to copy")
            XCTAssertTrue(page.contains("href=\"\(ManifestoPath.poster(ref: "radio-funx").path)\""), "the poster, one click away")
            XCTAssertTrue(
                page.contains("&lt;iframe src=&quot;\(app.config.baseURL)/manifest/teller?ref=radio-funx&quot;"), "the counter's snippet")
            let poster = try await desk.get(ManifestoPath.poster(ref: "radio-funx").path)
            XCTAssertEqual(poster.status, .ok)
            XCTAssertTrue(poster.body.string.contains("<svg"))
            let list = try await desk.get(ManifestoPath.adminCampaigns.path).body.string
            XCTAssertTrue(list.contains("href=\"/beheer/manifest/campagnes/radio-funx\">Radio FunX ochtendshow</a>"))
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "manifesto.campaign.create").count()
            XCTAssertEqual(audited, 1)
        }
    }

    func testBadCampaignInputIsRefusedWithItsReasonsAndNothingIsSaved() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)
            _ = try await desk.post(ManifestoPath.adminCampaigns.path, radio)

            // MUT
            let taken = try await desk.post(ManifestoPath.adminCampaigns.path, radio)
            let bad = try await desk.post(
                ManifestoPath.adminCampaigns.path,
                ["name": "", "code": "Radio FunX!", "channel": "tv", "starts_on": "2026-12-10", "ends_on": "2026-12-01"])

            // validation
            XCTAssertEqual(taken.status, .badRequest)
            XCTAssertTrue(taken.body.string.contains("De code ‘radio-funx’ is al in gebruik"))
            XCTAssertEqual(bad.status, .badRequest)
            let html = bad.body.string
            XCTAssertTrue(html.contains("<title>Fout:"))
            XCTAssertTrue(html.contains("href=\"#campaign-name\""), "the summary links to the field")
            XCTAssertTrue(html.contains("Kies een code van kleine letters"))
            XCTAssertTrue(html.contains("Kies een kanaal uit de lijst."))
            XCTAssertTrue(html.contains("De laatste dag ligt voor de eerste dag."))
            let count = try await Campaign.query(on: app.db).count()
            XCTAssertEqual(count, 1)
        }
    }

    func testEditingChangesNameAndPeriodButKeepsTheCode() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)
            _ = try await desk.post(ManifestoPath.adminCampaigns.path, radio)

            // MUT
            let saved = try await desk.post(
                ManifestoPath.adminCampaign(.value("radio-funx")).path,
                ["name": "FunX met Kaj", "code": "iets-anders", "channel": "press", "starts_on": "2026-11-01", "ends_on": "2026-12-31"])

            // validation
            XCTAssertEqual(saved.location, ManifestoPath.adminCampaign(.value("radio-funx")).path)
            let campaign = try await Campaign.find(code: "radio-funx", on: app.db)
            XCTAssertEqual(campaign?.name, "FunX met Kaj")
            XCTAssertEqual(campaign?.startsOn, "2026-11-01")
            let other = try await Campaign.find(code: "iets-anders", on: app.db)
            XCTAssertNil(other)
        }
    }

    func testFiguresPerCampaignWithATrendThatSaysItsNumbers() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: two confirmed and one pending through the campaign's link, one elsewhere
            app.signing.limitPerIP = 1000
            let desk = try await coordinator(app)
            _ = try await desk.post(ManifestoPath.adminCampaigns.path, radio)
            try await app.signAndConfirm("a@example.nl", ref: "radio-funx")
            try await app.signAndConfirm("b@example.nl", ref: "radio-funx")
            try await Browser(app).sign(email: "c@example.nl", ref: "radio-funx")
            try await app.signAndConfirm("d@example.nl", ref: "markt-west")

            // MUT
            let found = try await Campaign.find(code: "radio-funx", on: app.db)
            let campaign = try XCTUnwrap(found)
            let figures = try await CampaignFigures.load(campaign, now: app.clock.now(), on: app.db)
            let page = try await desk.get(ManifestoPath.adminCampaign(.value("radio-funx")).path).body.string

            // validation
            XCTAssertEqual(figures.totals, CampaignFigures.Totals(online: 2, paper: 0, pending: 1, active: 0))
            XCTAssertEqual(figures.days.count, 30, "the last 30 days while the campaign has no period")
            XCTAssertEqual(figures.days.last, CampaignFigures.Day(day: AmsterdamTime.day(app.clock.now()), online: 2, paper: 0))
            XCTAssertTrue(page.contains("<svg"), "a trend drawn on the server")
            XCTAssertTrue(page.contains("role=\"img\""))
            XCTAssertTrue(page.contains("<title id=\"trend-radio-funx-title\">Handtekeningen per dag voor Radio FunX ochtendshow</title>"))
            XCTAssertTrue(page.contains("samen 2 bevestigde handtekeningen, hoogstens 2 op één dag"), "the description says the numbers")
            XCTAssertTrue(page.contains("<th scope=\"row\">\(AmsterdamTime.day(app.clock.now()))</th><td>2</td><td>0</td>"), "and a table")
            let list = try await desk.get(ManifestoPath.adminCampaigns.path).body.string
            XCTAssertTrue(list.contains("markt-west"), "codes used without a register entry are shown too")
            XCTAssertFalse(list.contains("()") || list.contains("<br><span class=\"muted\"></span>"), "no empty code or period shown")
        }
    }

    func testTheExportOfFiguresHoldsNoPersonalData() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            app.signing.limitPerIP = 1000
            let desk = try await coordinator(app)
            _ = try await desk.post(ManifestoPath.adminCampaigns.path, radio)
            try await app.signAndConfirm("geheim@example.nl", district: "noord", ref: "radio-funx", name: "Noa Geheimnaam")
            try await app.signAndConfirm("anoniem@example.nl", name: "Piet Zonderref")
            _ = try await desk.post(
                ManifestoPath.adminPaper.path,
                ["sheet": "Markt 1", "campaign": "radio-funx", "lines": "Papieren Persoon; Zuid", "confirm": "1"])

            // MUT
            let export = try await desk.get(ManifestoPath.adminCampaignsExport.path)

            // validation
            XCTAssertEqual(export.status, .ok)
            XCTAssertEqual(export.headers.contentType?.subType, "csv")
            let csv = export.body.string
            let day = AmsterdamTime.day(app.clock.now())
            XCTAssertTrue(csv.hasPrefix("\u{FEFF}campagne_code;campagne;kanaal;dag;online_bevestigd;papier\r\n"))
            XCTAssertTrue(csv.contains("radio-funx;Radio FunX ochtendshow;Radio, tv en krant;\(day);1;1\r\n"), csv)
            XCTAssertTrue(csv.contains(";(geen campagne);;\(day);1;0\r\n"), csv)
            for personal in ["geheim", "anoniem", "@", "Noa", "Geheimnaam", "Zonderref", "Papieren Persoon", "noord", "Zuid"] {
                XCTAssertFalse(csv.contains(personal), "\(personal) must not be in the figures")
            }
            let logged = try await AuditEvent.query(on: app.db).filter(\.$action == "manifesto.export").count()
            XCTAssertEqual(logged, 0, "no personal data, so no reason asked")
        }
    }

    func testOnlyCoordinatorsOpenTheCampaignPages() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")

            // MUT + validation
            for path in [ManifestoPath.adminCampaigns.path, ManifestoPath.adminCampaignsExport.path, ManifestoPath.adminPaper.path] {
                let response = try await resident.get(path)
                XCTAssertEqual(response.status, .forbidden, path)
            }
            let create = try await resident.post(ManifestoPath.adminCampaigns.path, radio)
            XCTAssertEqual(create.status, .forbidden)
        }
    }
}
