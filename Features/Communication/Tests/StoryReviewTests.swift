import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// Stories after review: online only when every consent covers the web, photos never kept
/// fresh in a cache, no photo file left by a failed save, the open data paged and as CSV.
final class StoryReviewTests: XCTestCase {
    /// A published story with one consent per entry of `consents` (its uses).
    @discardableResult
    func seed(_ app: Application, slug: String, minutesAgo: Double = 0, consents: [[String]] = [["web"]]) async throws -> Story {
        let story = Story()
        story.slug = slug
        story.title = "Verhaal \(slug)"
        story.summary = "Buren in Oost."
        story.body = "Samen."
        story.status = "published"
        story.publishedAt = app.clock.now().addingTimeInterval(-minutesAgo * 60)
        story.createdAt = app.clock.now()
        try await story.save(on: app.db)
        for uses in consents {
            let consent = StoryConsent()
            consent.$story.id = try story.requireID()
            consent.person = "Anouk de Vries"
            consent.uses = "," + uses.joined(separator: ",") + ","
            consent.givenOn = AmsterdamTime.day(app.clock.now())
            consent.createdAt = app.clock.now()
            try await consent.save(on: app.db)
        }
        return story
    }

    func testAConsentForPrintOnlyKeepsTheStoryOffTheWebAndTheCoordinatorSeesWhy() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let story = try await seed(app, slug: "de-buurtkeuken", consents: [["web", "social"], ["print"]])
            let anonymous = Browser(app)
            let page = try await anonymous.get(StoriesPath.story(.value(story.slug)).path)
            XCTAssertEqual(page.status, .notFound, "no page, so no Open Graph either")
            let list = try await anonymous.get(StoriesPath.list().path)
            XCTAssertFalse(list.body.string.contains("de-buurtkeuken"))
            let api = try await anonymous.get(StoriesPath.api.path)
            XCTAssertFalse(api.body.string.contains("de-buurtkeuken"))
            let csv = try await anonymous.get(StoriesPath.apiCSV.path)
            XCTAssertFalse(csv.body.string.contains("de-buurtkeuken"))
            let online = try await StoriesData.indicator().value(app)
            XCTAssertEqual(online, 0)

            _ = try await app.makeUser(name: "Youssef Benali", email: "coordinator@example.nl", roles: [.coordinator])
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let edit = try await coordinator.get(StoriesPath.edit(.value(try story.requireID())).path)
            XCTAssertTrue(edit.body.string.contains("niet iedereen in dit verhaal heeft toestemming gegeven voor de website"))
            let manage = try await coordinator.get(StoriesPath.manage.path)
            XCTAssertTrue(manage.body.string.contains("niet iedereen in dit verhaal"))

            // Every consent covers the web: online, with its Open Graph.
            try await seed(app, slug: "het-repaircafe", consents: [["web"], ["web", "print"]])
            let other = try await anonymous.get(StoriesPath.story(.value("het-repaircafe")).path)
            XCTAssertEqual(other.status, .ok)
            XCTAssertTrue(other.body.string.contains("property=\"og:title\""))
            let problems = try await StoriesData.verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAPhotoIsRevalidatedWithItsETagAndGoneOnceConsentIsWithdrawn() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let coordinator = try await app.makeUser(name: "Youssef Benali", email: "coordinator@example.nl", roles: [.coordinator])
            let story = try await seed(app, slug: "de-moestuin")
            let id = try story.requireID()
            let saved = try await SetStoryPhoto(app: app).run(by: coordinator, id: id, data: ImageSamples.jpegWithGPS(), alt: "Buren")
            XCTAssertEqual(saved, .saved)
            let found = try await Story.find(id, on: app.db)
            let photo = try XCTUnwrap(found?.photo)
            let path = StoriesPath.photo(.value(photo.originalFile)).path
            let anonymous = Browser(app)

            let first = try await anonymous.get(path)
            XCTAssertEqual(first.status, .ok)
            let cacheControl = first.headers.first(name: .cacheControl) ?? ""
            XCTAssertTrue(cacheControl == "no-cache" || cacheControl.contains("max-age=0"), cacheControl)
            XCTAssertFalse(cacheControl.contains("public, max-age=3600"))
            let etag = try XCTUnwrap(first.headers.first(name: .eTag))
            let again = try await anonymous.get(path, headers: ["If-None-Match": etag])
            XCTAssertEqual(again.status, .notModified)
            XCTAssertEqual(again.body.readableBytes, 0)

            let consent = try await StoryConsent.query(on: app.db).first()
            let withdrawn = try await WithdrawStoryConsent(app: app).run(
                by: coordinator, storyID: id, consentID: try XCTUnwrap(consent?.id))
            XCTAssertEqual(withdrawn, .withdrawn)
            let revalidated = try await anonymous.get(path, headers: ["If-None-Match": etag])
            XCTAssertEqual(revalidated.status, .notFound, "a cache asking again learns the photo is gone")
            let plain = try await anonymous.get(path)
            XCTAssertEqual(plain.status, .notFound)
        }
    }

    func testAFailedPhotoSaveLeavesNoFileBehind() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let coordinator = try await app.makeUser(name: "Youssef Benali", email: "coordinator@example.nl", roles: [.coordinator])
            let story = try await seed(app, slug: "de-speeltuin")
            // The story's row refuses every change, so the transaction throws after the files are written.
            let sql = app.db as! any SQLDatabase
            if sql.dialect.name == "sqlite" {
                try await sql.raw(
                    "CREATE TRIGGER story_test_refuse BEFORE UPDATE ON story_stories BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
                .run()
            } else {
                try await sql.raw(
                    "CREATE OR REPLACE FUNCTION story_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER story_test_refuse BEFORE UPDATE ON story_stories FOR EACH ROW EXECUTE FUNCTION story_test_refuse()"
                ).run()
            }
            do {
                _ = try await SetStoryPhoto(app: app).run(
                    by: coordinator, id: try story.requireID(), data: ImageSamples.jpegWithGPS(), alt: "Buren")
                XCTFail("the save should have failed")
            } catch {}
            XCTAssertEqual(ImageUpload.storedNames(folder: SetStoryPhoto.folder, app: app), [])
            try await sql.raw("DROP TRIGGER story_test_refuse" + (sql.dialect.name == "sqlite" ? "" : " ON story_stories")).run()
            let after = try await Story.find(try story.requireID(), on: app.db)
            XCTAssertNil(after?.photoName)
        }
    }

    func testTheAPIIsPagedAndDownloadableAsCSV() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            try await seed(app, slug: "eerste", minutesAgo: 30)
            try await seed(app, slug: "tweede", minutesAgo: 20)
            try await seed(app, slug: "derde", minutesAgo: 10)
            try await seed(app, slug: "alleen-print", consents: [["print"]])
            let anonymous = Browser(app)

            let first = try await anonymous.get(StoriesPath.api.path + "?per_page=2")
            XCTAssertEqual(first.status, .ok)
            let body = try JSONDecoder().decode(StoryController.StoryList.self, from: Data(first.body.string.utf8))
            XCTAssertEqual(body.total, 3)
            XCTAssertEqual(body.stories.map(\.slug), ["derde", "tweede"])
            XCTAssertEqual(first.headers.first(name: "X-Total-Count"), "3")
            XCTAssertTrue(first.headers.first(name: "Link")?.contains("page=2") ?? false)
            XCTAssertEqual(first.headers.first(name: .cacheControl), "public, max-age=5")
            XCTAssertNil(first.headers.first(name: .setCookie))

            let second = try await anonymous.get(StoriesPath.api.path + "?per_page=2&page=2")
            let rest = try JSONDecoder().decode(StoryController.StoryList.self, from: Data(second.body.string.utf8))
            XCTAssertEqual(rest.stories.map(\.slug), ["eerste"])
            let beyond = try await anonymous.get(StoriesPath.api.path + "?page=9")
            let empty = try JSONDecoder().decode(StoryController.StoryList.self, from: Data(beyond.body.string.utf8))
            XCTAssertEqual(empty.stories.count, 0)
            XCTAssertEqual(empty.total, 3)
            for bad in ["per_page=1000000000", "page=0", "page=abc", "per_page=-1"] {
                let refused = try await anonymous.get(StoriesPath.api.path + "?" + bad)
                XCTAssertEqual(refused.status, .badRequest, bad)
            }

            let csv = try await anonymous.get(StoriesPath.apiCSV.path)
            XCTAssertEqual(csv.status, .ok)
            XCTAssertEqual(csv.headers.contentType?.subType, "csv")
            XCTAssertEqual(csv.headers.first(name: .cacheControl), "public, max-age=5")
            let lines = csv.body.string.split(separator: "\r\n")
            XCTAssertEqual(lines.count, 4)
            XCTAssertTrue(lines[0].contains("slug;title;summary"))
            XCTAssertTrue(lines[1].hasPrefix("derde;Verhaal derde;"))
            XCTAssertFalse(csv.body.string.contains("Anouk"), "nobody's name in open data")
            XCTAssertFalse(csv.body.string.contains("alleen-print"))

            let document = try await anonymous.get(CorePath.api("openapi.json").path)
            XCTAssertTrue(document.body.string.contains("downloadStories"))
        }
    }
}
