import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

final class CoordinatorTests: XCTestCase {
    func coordinator(_ app: Application) async throws -> Browser {
        _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coord@example.nl")
        return browser
    }

    func testCountsPerCampaignDistrictAndDayAndWhoBecameActive() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            app.signing.limitPerIP = 1000
            try await app.signAndConfirm("a@example.nl", district: "noord", ref: "markt-noord")
            try await app.signAndConfirm("b@example.nl", district: "noord", ref: "markt-noord")
            try await app.signAndConfirm("c@example.nl", district: "zuid", ref: "partner-fnv")
            let follower = Browser(app)
            try await follower.sign(email: "d@example.nl", district: "zuid", ref: "markt-noord")
            let thanks = try await follower.confirmSignature(of: "d@example.nl")
            XCTAssertTrue(thanks.body.string.contains("Ik bied tijd en vaardigheden aan"))
            let link = try XCTUnwrap(MailSink.link(app: app, to: "d@example.nl", for: ManifestoPath.confirm(.key)))
            let token = String(link.split(separator: "/").last!)
            let chosen = try await follower.post(ManifestoPath.followUp(.value(token)).path, ["action": "newsletter"])
            XCTAssertTrue(chosen.body.string.contains("We hebben je keuze genoteerd"))

            let desk = try await coordinator(app)
            let home = try await desk.get(CorePath.home.path).body.string
            XCTAssertTrue(home.contains("href=\"/beheer/manifest\""), "coordinators find their page in the header")
            XCTAssertFalse(home.contains("href=\"/beheer/rollen\""), "but not the admins' page")
            let page = try await desk.get(ManifestoPath.admin.path)
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("<th scope=\"row\">markt-noord</th><td>3</td><td>1</td>"), "3 signatures, 1 became active")
            XCTAssertTrue(html.contains("<th scope=\"row\">partner-fnv</th><td>1</td><td>0</td>"))
            XCTAssertTrue(html.contains("<th scope=\"row\">Noord</th><td>2</td>"))
            XCTAssertTrue(html.contains("<th scope=\"row\">\(AmsterdamTime.day(app.clock.now()))</th><td>4</td>"))
            let newsletter = try await Signature.query(on: app.db).filter(\.$newsletter == true).count()
            XCTAssertEqual(newsletter, 1)
        }
    }

    func testACoordinatorVoidsASuspiciousBurstAndItIsAudited() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            app.signing.limitPerIP = 1000
            for n in 0..<12 { try await app.signAndConfirm("bot\(n)@spamdomein.nl") }
            try await app.signAndConfirm("echt@example.nl")
            let desk = try await coordinator(app)

            let page = try await desk.get(ManifestoPath.admin.path).body.string
            XCTAssertTrue(page.contains("Eén IP-adres"), "13 sign-ups from one address within minutes are flagged")
            let statistics = try await ManifestoStatistics.bursts(app: app, language: .nl)
            let burst = try XCTUnwrap(statistics.first { $0.kind == "ip" })
            XCTAssertEqual(burst.count, 13)

            let noReason = try await desk.post(
                ManifestoPath.adminVoid.path, ["kind": "ip", "value": burst.value, "from": burst.fromISO, "to": burst.toISO, "reason": ""])
            XCTAssertEqual(noReason.status, .badRequest)

            let voided = try await desk.post(
                ManifestoPath.adminVoid.path,
                ["kind": "ip", "value": burst.value, "from": burst.fromISO, "to": burst.toISO, "reason": "dertien in twee minuten"])
            XCTAssertEqual(voided.location, ManifestoPath.admin.path)
            let total = try await SignatureCounter.total(on: app.db)
            XCTAssertEqual(total, 0)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "manifesto.void").first()
            XCTAssertTrue(audit?.details.contains("dertien in twee minuten") ?? false)
            let problems = try await ManifestoFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheExportNeedsAReasonIsLoggedAndIsSafeInExcel() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            try await app.signAndConfirm("csv@example.nl", name: "=HYPERLINK(\"http://evil\") \"Bob\"")
            let desk = try await coordinator(app)

            let refused = try await desk.post(ManifestoPath.adminExport.path, ["reason": "kort"])
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("10 tot 500 tekens"))
            let logged = try await AuditEvent.query(on: app.db).filter(\.$action == "manifesto.export").count()
            XCTAssertEqual(logged, 0)

            let export = try await desk.post(ManifestoPath.adminExport.path, ["reason": "verslag voor de gemeenteraad"])
            XCTAssertEqual(export.status, .ok)
            XCTAssertEqual(export.headers.contentType?.subType, "csv")
            let csv = export.body.string
            XCTAssertTrue(csv.hasPrefix("\u{FEFF}bevestigd_op;naam;"), "UTF-8 BOM and semicolons for Dutch Excel")
            XCTAssertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\") \"\"Bob\"\"\""), "formula defused and quotes escaped")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "manifesto.export").first()
            XCTAssertEqual(audit?.details, "verslag voor de gemeenteraad")

            let resident = Browser(app)
            _ = try await app.makeUser(email: "bewoner@example.nl")
            try await resident.logIn("bewoner@example.nl")
            let forbidden = try await resident.post(ManifestoPath.adminExport.path, ["reason": "ik wil alle namen hebben"])
            XCTAssertEqual(forbidden.status, .forbidden)
        }
    }

    func testPaperSignaturesCountSeparatelyAndABadLineStoresNothing() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let desk = try await coordinator(app)
            let bad = try await desk.post(
                ManifestoPath.adminPaper.path, ["sheet": "Dappermarkt 12 okt", "lines": "Ann; Oost\nBob; Atlantis"])
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.body.string.contains("<th scope=\"row\">2</th><td>Bob; Atlantis</td>"))
            let none = try await Signature.query(on: app.db).count()
            XCTAssertEqual(none, 0)

            let good = try await desk.post(
                ManifestoPath.adminPaper.path,
                [
                    "sheet": "Dappermarkt 12 okt", "lines": "Ann de Wit; Oost\nBob Smit; nieuw-west\nCees; Buiten Amsterdam\n",
                    "confirm": "1",
                ])
            XCTAssertTrue(good.location?.hasPrefix(ManifestoPath.adminPaper.path) ?? false)
            let counters = try await SignatureCounter.values(on: app.db)
            XCTAssertEqual(counters[.paper], 3)
            XCTAssertEqual(counters[.online], 0)
            let sheet = try await Signature.query(on: app.db).filter(\.$paperSheet == "Dappermarkt 12 okt").count()
            XCTAssertEqual(sheet, 3)
            app.manifestoCount.clear()
            let page = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertTrue(page.contains("waarvan op papier: 3"))
        }
    }

    func testANewVersionIsPublishedAndEarlierOnesStayReadable() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            let desk = try await coordinator(app)
            let published = try await desk.post(
                ManifestoPath.adminPublish.path,
                [
                    "title_nl": "Manifest 2026", "title_en": "Manifesto 2026",
                    "body_nl": "Nieuwe alinea een.\n\nNieuwe alinea twee.", "body_en": "New paragraph one.\n\nNew paragraph two.",
                ])
            XCTAssertEqual(published.location, ManifestoPath.page().path)
            let current = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertTrue(current.contains("Manifest 2026"))
            XCTAssertTrue(current.contains("Versie 2"))
            let first = try await Browser(app).get("/manifest/versies/1").body.string
            XCTAssertTrue(first.contains("Manifest van De Kracht van Mokum"))
            let list = try await Browser(app).get(ManifestoPath.versions.path).body.string
            XCTAssertTrue(list.contains("/manifest/versies/2") && list.contains("/manifest/versies/1"))

            try await Browser(app).sign(email: "v2@example.nl")
            let signature = try await Signature.query(on: app.db).first()
            XCTAssertEqual(signature?.versionNumber, 2)
        }
    }

    func testPartnersEmbedTheCounterAndPrintAPoster() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            try await app.signAndConfirm("one@example.nl")
            app.manifestoCount.clear()
            let json = try await Browser(app).get(ManifestoPath.api.path, headers: ["Accept": "application/json"])
            XCTAssertEqual(json.headers.first(name: "Access-Control-Allow-Origin"), "*")
            XCTAssertTrue(json.body.string.contains("\"signatures\":1"))

            let embed = try await Browser(app).get("/manifest/teller?ref=partner-fnv")
            XCTAssertTrue(embed.body.string.contains("/manifest?ref=partner-fnv"))
            XCTAssertNil(embed.headers.first(name: "X-Frame-Options"), "partners may frame the counter")
            XCTAssertTrue(embed.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors *") ?? false)
            let page = try await Browser(app).get(ManifestoPath.page().path)
            XCTAssertEqual(page.headers.first(name: "X-Frame-Options"), "DENY", "but nothing else")

            let poster = try await Browser(app).get("/manifest/poster?ref=markt-<script>")
            XCTAssertEqual(poster.status, .ok)
            XCTAssertTrue(poster.body.string.contains("<svg"))
            XCTAssertFalse(poster.body.string.contains("<script>"))
        }
    }

    func testAccountDeletionKeepsTheSignatureCountingWithoutThePerson() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            _ = try await app.makeUser(name: "Lotte Jansen", email: "lotte@example.nl")
            let resident = Browser(app)
            try await resident.logIn("lotte@example.nl")
            try await resident.post(ManifestoPath.sign.path, ["district": "west"])
            let export = try await resident.get(CorePath.accountData.path).body.string
            XCTAssertTrue(export.contains("\"manifesto\""))
            XCTAssertTrue(export.contains("\"district\" : \"west\""))

            try await resident.post(CorePath.deleteAccount.path, ["password": "correct horse battery"])
            let stored = try await Signature.query(on: app.db).first()
            let signature = try XCTUnwrap(stored)
            XCTAssertEqual(signature.name, "")
            XCTAssertNil(signature.email)
            XCTAssertNil(signature.userID)
            let total = try await SignatureCounter.total(on: app.db)
            XCTAssertEqual(total, 1)
        }
    }
}
