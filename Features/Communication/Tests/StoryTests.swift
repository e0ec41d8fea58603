import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// Stories: written and published by a coordinator, online only with consent; withdrawing it
/// takes the story offline at once (page, photo, list, API, indicator); bad input changes nothing.
final class StoryTests: XCTestCase {
    func coordinatorBrowser(_ app: Application) async throws -> (Browser, User) {
        let user = try await app.makeUser(name: "Youssef Benali", email: "coordinator@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coordinator@example.nl")
        return (browser, user)
    }

    func expect(_ response: XCTHTTPResponse, _ status: HTTPStatus, line: UInt = #line) async {
        XCTAssertEqual(response.status, status, line: line)
    }

    func story(_ app: Application) async throws -> Story {
        let found = try await Story.query(on: app.db).with(\.$consents).first()
        return try XCTUnwrap(found)
    }

    func multipart(_ boundary: String, csrf: String, alt: String, file: Data, name: String = "foto.jpg") -> ByteBuffer {
        var body = Data()
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n\(alt)\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\(name)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8
        )
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return ByteBuffer(data: body)
    }

    func testPublishWithConsentThenWithdrawTakesItOffline() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let (browser, _) = try await coordinatorBrowser(app)
            let created = try await browser.post(
                StoriesPath.new.path,
                [
                    "title": "De moestuin van Nieuw-West", "summary": "Buren oogsten samen.", "body": "## Samen\nEen **moestuin**.",
                    "district": "nieuw-west", "domain": "groen", "campaign": "verhalen-2025",
                ])
            XCTAssertEqual(created.status, .seeOther)
            var story = try await story(app)
            let id = try story.requireID()
            XCTAssertEqual(story.slug, "de-moestuin-van-nieuw-west")

            // The photo, with EXIF GPS, through the multipart form.
            let boundary = "kracht-\(UUID().uuidString)"
            let upload = try await browser.post(
                StoriesPath.uploadPhoto(.value(id)).path,
                rawBody: multipart(boundary, csrf: browser.csrfToken ?? "", alt: "Buren bij de bakken", file: ImageSamples.jpegWithGPS()),
                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            XCTAssertEqual(upload.status, .seeOther, upload.body.string.prefix(500).description)
            story = try await self.story(app)
            let photo = try XCTUnwrap(story.photo)
            let stored = try Data(contentsOf: URL(fileURLWithPath: app.config.dataDirectory + "/stories/" + photo.originalFile))
            XCTAssertNil(stored.range(of: Data("Exif".utf8)))

            // Published without consent: offline, and the coordinator sees why.
            try await browser.post(StoriesPath.publish(.value(id)).path, ["action": "publish"])
            let anonymous = Browser(app)
            try await expect(anonymous.get(StoriesPath.story(.value(story.slug)).path), .notFound)
            let manage = try await browser.get(StoriesPath.manage.path)
            XCTAssertTrue(manage.body.string.contains("nog geen toestemming"))

            // Consent recorded: online everywhere.
            let today = AmsterdamTime.day(app.clock.now())
            let consent = try await browser.post(
                StoriesPath.consents(.value(id)).path, ["person": "Fatima El Amrani", "uses": "web", "given_on": today])
            XCTAssertEqual(consent.status, .seeOther)
            let page = try await anonymous.get(StoriesPath.story(.value(story.slug)).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("moestuin</strong>"))
            XCTAssertTrue(page.body.string.contains("property=\"og:image\" content=\"http://kracht.test/verhalen/foto/"))
            XCTAssertTrue(page.body.string.contains("property=\"og:type\" content=\"article\""))
            XCTAssertTrue(page.body.string.contains("name=\"twitter:card\""))
            XCTAssertFalse(page.body.string.contains("Fatima"), "the person's name is private")
            try await expect(anonymous.get(StoriesPath.photo(.value(photo.originalFile)).path), .ok)
            let list = try await anonymous.get(StoriesPath.list(district: "nieuw-west").path)
            XCTAssertTrue(list.body.string.contains("De moestuin van Nieuw-West"))
            let other = try await anonymous.get(StoriesPath.list(district: "noord").path)
            XCTAssertFalse(other.body.string.contains("De moestuin van Nieuw-West"))
            let api = try await anonymous.get(StoriesPath.api.path, headers: ["Accept": "application/json"])
            XCTAssertTrue(api.body.string.contains("de-moestuin-van-nieuw-west"))
            XCTAssertFalse(api.body.string.contains("Fatima"))
            let online = try await StoriesData.indicator().value(app)
            XCTAssertEqual(online, 1)
            let report = try await StoriesData.annualReport(year: Int(today.prefix(4))!, app: app)
            XCTAssertEqual(report.first?.items.first?.title, "De moestuin van Nieuw-West")

            // Withdrawn: offline at once, the photo too, and the audit says so.
            let firstConsent = try await StoryConsent.query(on: app.db).first()
            let consentID = try XCTUnwrap(firstConsent?.id)
            try await browser.post(StoriesPath.withdrawConsent(.value(id), consent: .value(consentID)).path)
            try await expect(anonymous.get(StoriesPath.story(.value(story.slug)).path), .notFound)
            try await expect(anonymous.get(StoriesPath.photo(.value(photo.originalFile)).path), .notFound)
            let after = try await anonymous.get(StoriesPath.api.path, headers: ["Accept": "application/json"])
            XCTAssertFalse(after.body.string.contains("de-moestuin"))
            let offline = try await StoriesData.indicator().value(app)
            XCTAssertEqual(offline, 0)
            let edit = try await browser.get(StoriesPath.edit(.value(id)).path)
            XCTAssertTrue(edit.body.string.contains("toestemming is ingetrokken"))
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "stories.consent_withdrawn").count()
            XCTAssertEqual(audits, 1)
            let problems = try await StoriesData.verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testBadInputIsRefusedAndChangesNothing() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let (browser, _) = try await coordinatorBrowser(app)
            let bad: [[String: String]] = [
                ["title": "", "summary": "x", "body": "y"],
                ["title": "Titel", "summary": "x", "body": String(repeating: "a", count: SafeMarkdown.maxLength + 1)],
                ["title": "Titel", "summary": "x", "body": "y", "district": "atlantis"],
                ["title": "Titel", "summary": "x", "body": "y", "domain": "<script>"],
                ["title": "Titel", "summary": "x", "body": "y", "campaign": "Niet Goed!"],
                ["title": "Titel\r\nBcc: x", "summary": "x", "body": "y"],
            ]
            for form in bad {
                let response = try await browser.post(StoriesPath.new.path, form)
                XCTAssertEqual(response.status, .badRequest, form.description.prefix(80).description)
                XCTAssertTrue(response.body.string.contains("error-summary"))
            }
            let count = try await Story.query(on: app.db).count()
            XCTAssertEqual(count, 0)

            // Hostile Markdown is stored as text and rendered safely.
            try await browser.post(
                StoriesPath.new.path,
                [
                    "title": "Veilig", "summary": "s",
                    "body": "<script>alert(1)</script>\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>",
                ])
            let story = try await story(app)
            let id = try story.requireID()
            try await browser.post(StoriesPath.publish(.value(id)).path, ["action": "publish"])
            try await browser.post(
                StoriesPath.consents(.value(id)).path, ["person": "Daan", "uses": "web", "given_on": AmsterdamTime.day(app.clock.now())])
            let page = try await Browser(app).get(StoriesPath.story(.value(story.slug)).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains("<script>alert"))
            XCTAssertFalse(page.body.string.contains("javascript:"))
            XCTAssertFalse(page.body.string.contains("<img src=x"), "raw HTML is shown as text, never as a tag")

            // Consent without uses, a future day, no name: refused.
            for form in [
                ["person": "Daan", "given_on": "2020-01-01"], ["person": "", "uses": "web", "given_on": "2020-01-01"],
                ["person": "Daan", "uses": "web", "given_on": "2999-01-01"], ["person": "Daan", "uses": "tv", "given_on": "2020-01-01"],
            ] {
                let response = try await browser.post(StoriesPath.consents(.value(id)).path, form)
                XCTAssertEqual(response.status, .badRequest)
            }
            let consents = try await StoryConsent.query(on: app.db).count()
            XCTAssertEqual(consents, 1)

            // Not an image: refused with a message, nothing stored.
            let boundary = "kracht-bad"
            let upload = try await browser.post(
                StoriesPath.uploadPhoto(.value(id)).path,
                rawBody: multipart(boundary, csrf: browser.csrfToken ?? "", alt: "x", file: Data("<svg onload=alert(1)>".utf8)),
                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            XCTAssertEqual(upload.status, .badRequest)
            XCTAssertTrue(upload.body.string.contains("geen JPEG-, PNG- of WebP-afbeelding"))
            XCTAssertEqual(ImageUpload.storedNames(folder: "stories", app: app), [])
        }
    }

    func testAResidentCannotManageStories() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let browser = Browser(app)
            try await browser.logIn("bewoner@example.nl")
            try await expect(browser.get(StoriesPath.manage.path), .forbidden)
            try await expect(browser.post(StoriesPath.new.path, ["title": "x", "summary": "x", "body": "x"]), .forbidden)
            let count = try await Story.query(on: app.db).count()
            XCTAssertEqual(count, 0)
        }
    }

    func testDemoEraseAndPurge() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let people = try await DemoPeople.create(app: app)
            try await StoriesDemo.seed(app: app, people: people)
            let all = try await Story.query(on: app.db).count()
            XCTAssertEqual(all, 4)
            let online = try await Story.online(on: app.db)
            XCTAssertEqual(online.count, 3)
            let problems = try await StoriesData.verify(app: app)
            XCTAssertEqual(problems, [])
            let export = try await StoriesData.export(of: people.coordinator, app: app)
            XCTAssertNotNil(export)
            try await StoriesData.erase(of: people.coordinator, on: app.db)
            let left = try await Story.query(on: app.db).filter(\.$createdBy != nil).count()
            XCTAssertEqual(left, 0)
            // An orphan file older than a day goes; the stories' photos stay.
            let orphan = try await ImageUpload.store(ImageSamples.jpegWithGPS(), folder: "stories", app: app)
            try await StoriesData.purge(now: Date().addingTimeInterval(2 * 24 * 3600), app: app)
            XCTAssertFalse(ImageUpload.storedNames(folder: "stories", app: app).contains(orphan.name))
            XCTAssertEqual(ImageUpload.storedNames(folder: "stories", app: app).count, 4)
        }
    }
}
