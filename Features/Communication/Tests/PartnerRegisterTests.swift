import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// The partner register: a coordinator adds, changes and removes partners; the public page shows
/// only the active ones with readable dates; bad input is refused with a translated message and
/// stores nothing; a logo goes through `ImageUpload` (metadata gone), up to the image limit.
final class PartnerRegisterTests: XCTestCase {
    static let valid = [
        "name": "Buurthuis De Meeuw", "kind": "residents", "since": "2025-01-15", "ended_on": "",
        "what": "Samen een spreekuur voor huurders in Noord.", "website": "https://demeeuw.example.nl",
    ]

    func coordinator(_ app: Application, language: String = "nl") async throws -> Browser {
        if try await User.query(on: app.db).count() == 0 {
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
        }
        let browser = Browser(app)
        browser.headers.replaceOrAdd(name: .acceptLanguage, value: language)
        try await browser.logIn("coordinator@example.nl")
        return browser
    }

    func multipart(_ boundary: String, csrf: String, file: Data, name: String = "logo.jpg") -> ByteBuffer {
        var body = Data()
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"\(name)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return ByteBuffer(data: body)
    }

    /// A coordinator's browser and a partner to give logos, without web sizes (no vips).
    func partnerForLogos(_ app: Application) async throws -> (Browser, UUID) {
        app.imageThumbnailTool = .some(nil)
        let browser = try await coordinator(app)
        _ = try await browser.post(CampaignsPath.newPartner.path, Self.valid)
        let first = try await Partner.query(on: app.db).first()
        return (browser, try XCTUnwrap(first?.requireID()))
    }

    func upload(_ browser: Browser, _ id: UUID, _ file: Data) async throws -> XCTHTTPResponse {
        let boundary = "kracht-\(UUID().uuidString)"
        return try await browser.post(
            CampaignsPath.uploadLogo(.value(id)).path, rawBody: multipart(boundary, csrf: browser.csrfToken ?? "", file: file),
            contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    func testACoordinatorAddsChangesAndRemovesAPartnerAndOnlyActiveOnesAreShown() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let browser = try await coordinator(app)

            // MUT: add two, one of them already ended
            let created = try await browser.post(CampaignsPath.newPartner.path, Self.valid)
            var ended = Self.valid
            ended["name"] = "Bakkerij Dappermarkt"
            ended["kind"] = "business"
            ended["since"] = "2025-03-15"
            ended["ended_on"] = "2025-06-30"
            ended["website"] = ""
            let createdEnded = try await browser.post(CampaignsPath.newPartner.path, ended)

            // validation: stored, audited, the public page shows the active one with a readable day
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            XCTAssertEqual(createdEnded.status, .seeOther)
            let found = try await Partner.query(on: app.db).filter(\.$name == "Buurthuis De Meeuw").first()
            let partner = try XCTUnwrap(found)
            XCTAssertEqual(partner.kind, "residents")
            XCTAssertEqual(partner.since, "2025-01-15")
            XCTAssertEqual(partner.website, "https://demeeuw.example.nl")
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "partners.create").count()
            XCTAssertEqual(audits, 2)
            let page = try await Browser(app).get(CampaignsPath.partners.path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Buurthuis De Meeuw"))
            XCTAssertTrue(page.body.string.contains("partner sinds 15 januari 2025"), "a day as people read it")
            XCTAssertFalse(page.body.string.contains("2025-01-15"))
            XCTAssertFalse(page.body.string.contains("Bakkerij Dappermarkt"), "an ended partnership is not shown")
            let english = Browser(app)
            english.headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            let englishPage = try await english.get(CampaignsPath.partners.path)
            XCTAssertTrue(englishPage.body.string.contains("15 January 2025"), englishPage.body.string)
            let manage = try await browser.get(CampaignsPath.managePartners.path)
            XCTAssertTrue(manage.body.string.contains("Bakkerij Dappermarkt"), "coordinators see every partner")
            XCTAssertTrue(manage.body.string.contains("30 juni 2025"))

            // MUT: change it
            let id = try partner.requireID()
            var changed = Self.valid
            changed["what"] = "Een spreekuur en een buurtkrant."
            changed["kind"] = "welfare"
            let saved = try await browser.post(CampaignsPath.editPartner(.value(id)).path, changed)

            // validation
            XCTAssertEqual(saved.status, .seeOther)
            let reloaded = try await Partner.find(id, on: app.db)
            XCTAssertEqual(reloaded?.what, "Een spreekuur en een buurtkrant.")
            XCTAssertEqual(reloaded?.kind, "welfare")

            // MUT: remove it
            let deleted = try await browser.post(CampaignsPath.deletePartner(.value(id)).path)

            // validation
            XCTAssertEqual(deleted.status, .seeOther)
            let gone = try await Partner.find(id, on: app.db)
            XCTAssertNil(gone)
            let removals = try await AuditEvent.query(on: app.db).filter(\.$action == "partners.delete").count()
            XCTAssertEqual(removals, 1)
            let problems = try await Campaigns().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testBadInputIsRefusedWithATranslatedMessageAndNothingStored() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let browser = try await coordinator(app)
            let cases: [(change: [String: String], field: String, words: String)] = [
                (["website": "http://demeeuw.example.nl"], "partner-website", "begint met https://"),
                (["website": "javascript:alert(1)"], "partner-website", "begint met https://"),
                (["website": "https://demeeuw.example.nl/\"><script>alert(1)</script>"], "partner-website", "begint met https://"),
                (["kind": "sekte"], "partner-kind", "Kies een soort organisatie"),
                (["kind": ""], "partner-kind", "Kies een soort organisatie"),
                (["ended_on": "2024-12-31"], "partner-ended", "vóór de datum"),
                (["since": ""], "partner-since", "Vul"),
                (["name": ""], "partner-name", "Vul"),
                (["name": String(repeating: "x", count: 10_000)], "partner-name", "120"),
                (["what": String(repeating: "x", count: 3000)], "partner-what", "600"),
                (["name": "<script>alert(1)</script>"], "partner-name", "HTML-code"),
                (["what": "Samen <img src=x onerror=alert(1)>"], "partner-what", "HTML-code"),
            ]
            for (change, field, words) in cases {
                // MUT
                var form = Self.valid
                form.merge(change) { _, new in new }
                let refused = try await browser.post(CampaignsPath.newPartner.path, form)

                // validation: 400, the message at its field, nothing stored, nothing run
                XCTAssertEqual(refused.status, .badRequest, "\(change)")
                refused.assertFormErrors(title: "Partners beheren", links: [(field, words)])
                XCTAssertFalse(refused.body.string.contains("<script>alert"), "\(change)")
                XCTAssertFalse(refused.body.string.contains("<img src=x"), "\(change)")
                let partners = try await Partner.query(on: app.db).count()
                XCTAssertEqual(partners, 0, "\(change)")
            }

            // MUT: an edit with bad input changes nothing either
            _ = try await browser.post(CampaignsPath.newPartner.path, Self.valid)
            let first = try await Partner.query(on: app.db).first()
            let partner = try XCTUnwrap(first)
            var bad = Self.valid
            bad["website"] = "http://elders.example.nl"
            bad["name"] = "Andere naam"
            let refusedEdit = try await browser.post(CampaignsPath.editPartner(.value(try partner.requireID())).path, bad)
            XCTAssertEqual(refusedEdit.status, .badRequest)
            let unchanged = try await Partner.find(partner.id, on: app.db)
            XCTAssertEqual(unchanged?.name, "Buurthuis De Meeuw")
            XCTAssertEqual(unchanged?.website, "https://demeeuw.example.nl")

            // MUT: the same in English
            let english = try await coordinator(app, language: "en")
            var form = Self.valid
            form["website"] = "http://demeeuw.example.nl"
            let refused = try await english.post(CampaignsPath.newPartner.path, form)
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("starting with https://"), refused.body.string)
        }
    }

    func testALogoIsStoredWithoutItsMetadataAndServedFromKracht() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let (browser, id) = try await partnerForLogos(app)
            let original = ImageSamples.jpegWithGPS()
            XCTAssertNotNil(original.range(of: Data("Exif".utf8)))

            // MUT
            let uploaded = try await upload(browser, id, original)

            // validation: stored, audited, served at /partners/logo/<file> without its EXIF
            XCTAssertEqual(uploaded.status, .seeOther, uploaded.body.string.prefix(600).description)
            let stored = try await Partner.find(id, on: app.db)
            let file = try XCTUnwrap(stored?.logo)
            let served = try await Browser(app).get(CampaignsPath.logo(.value(file)).path)
            XCTAssertEqual(served.status, .ok)
            XCTAssertEqual(served.headers.contentType, HTTPMediaType(type: "image", subType: "jpeg"))
            XCTAssertEqual(served.headers.first(name: "X-Content-Type-Options"), "nosniff")
            let bytes = Data(served.body.readableBytesView)
            XCTAssertEqual(Array(bytes.prefix(2)), [0xFF, 0xD8], "still a JPEG")
            XCTAssertNil(bytes.range(of: Data("Exif".utf8)), "the EXIF (with its GPS position) is gone")
            let page = try await Browser(app).get(CampaignsPath.partners.path)
            XCTAssertTrue(page.body.string.contains("src=\"/partners/logo/\(file)\""))
            XCTAssertTrue(page.body.string.contains("alt=\"Logo van Buurthuis De Meeuw\""))
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "partners.logo").count()
            XCTAssertEqual(audits, 1)

            // MUT: a new logo replaces the old one, whose file goes
            let replaced = try await upload(browser, id, ImageSamples.pngWithText())
            XCTAssertEqual(replaced.status, .seeOther)
            let restored = try await Partner.find(id, on: app.db)
            let newFile = try XCTUnwrap(restored?.logo)
            XCTAssertTrue(newFile.hasSuffix(".png"))
            let old = try await Browser(app).get(CampaignsPath.logo(.value(file)).path)
            XCTAssertEqual(old.status, .notFound)

            // MUT: removing the partner takes its logo
            _ = try await browser.post(CampaignsPath.deletePartner(.value(id)).path)
            let afterDelete = try await Browser(app).get(CampaignsPath.logo(.value(newFile)).path)
            XCTAssertEqual(afterDelete.status, .notFound)
        }
    }

    func testANonImageOrOneTooBigIsRefusedWithTheFormsMessage() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let (browser, id) = try await partnerForLogos(app)

            // MUT: not an image (an SVG with script), nothing, a photo one byte over the limit
            let svg = try await upload(browser, id, Data("<svg onload=alert(1)>".utf8))
            let empty = try await upload(browser, id, Data())
            var big = ImageSamples.jpegWithGPS()
            big.append(Data(count: app.config.imageMaxBytes + 1 - big.count))
            let tooBig = try await upload(browser, id, big)

            // validation: the form again with a translated message at the field; nothing stored
            XCTAssertEqual(svg.status, .badRequest)
            XCTAssertTrue(svg.body.string.contains("geen JPEG-, PNG- of WebP-afbeelding"))
            XCTAssertFalse(svg.body.string.contains("<svg onload"))
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertTrue(empty.body.string.contains("Kies een afbeelding"))
            XCTAssertEqual(tooBig.status, .badRequest, "the form, not a bare 413")
            let maxMB = String(format: "%.0f MB", Double(app.config.imageMaxBytes) / 1_000_000)
            XCTAssertTrue(tooBig.body.string.contains("hoogstens \(maxMB)"), tooBig.body.string.prefix(3000).description)
            XCTAssertTrue(tooBig.body.string.contains("href=\"#partner-logo\""), "the error summary leads to the field")
            let logo = try await Partner.find(id, on: app.db)?.logo
            XCTAssertNil(logo)
            XCTAssertEqual(ImageUpload.storedNames(folder: SetPartnerLogo.folder, app: app), [])

            // MUT: far beyond what any logo form sends: refused before it is read, with a page in words
            let huge = try await upload(browser, id, Data(count: app.config.imageMaxBytes + 512 * 1024))
            XCTAssertEqual(huge.status, .payloadTooLarge)
            XCTAssertTrue(huge.body.string.contains("te groot"), huge.body.string.prefix(500).description)
        }
    }
}
