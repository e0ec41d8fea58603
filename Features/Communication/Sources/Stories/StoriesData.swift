import Fluent
import Foundation
import KrachtCore
import Vapor

/// A person's part, the purge, the checks and the annual report.
enum StoriesData {
    static func export(of user: User, app: Application) async throws -> JSONValue? {
        let id = try user.requireID()
        let written = try await Story.query(on: app.db).filter(\.$createdBy == id).all()
        let recorded = try await StoryConsent.query(on: app.db).filter(\.$recordedBy == id).count()
        guard !written.isEmpty || recorded > 0 else { return nil }
        return [
            "stories_created": .array(written.map { .string($0.title) }),
            "consents_recorded": .int(Int64(recorded)),
        ]
    }

    static func erase(of user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await Story.query(on: db).filter(\.$createdBy == id).set(\.$createdBy, to: nil).update()
        try await StoryConsent.query(on: db).filter(\.$recordedBy == id).set(\.$recordedBy, to: nil).update()
    }

    /// Photo files no story holds (a story deleted, an upload whose save failed), older than a day.
    static func purge(now: Date, app: Application) async throws {
        let held = Set(try await Story.query(on: app.db).all().compactMap(\.photoName))
        let directory = ImageUpload.directory(SetStoryPhoto.folder, app: app)
        for name in ImageUpload.storedNames(folder: SetStoryPhoto.folder, app: app) where !held.contains(name) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            let old = files.filter { ImageUpload.parse($0)?.name == name }.allSatisfy { file in
                let modified =
                    (try? FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.modificationDate] as? Date) ?? now
                return now.timeIntervalSince(modified) > 24 * 3600
            }
            if old { try ImageUpload.remove(name: name, folder: SetStoryPhoto.folder, app: app) }
        }
    }

    static func verify(app: Application) async throws -> [String] {
        var problems: [String] = []
        let stories = try await Story.query(on: app.db).with(\.$consents).all()
        for story in stories {
            if story.isOnline, story.consents.isEmpty || story.consents.contains(where: { $0.withdrawnAt != nil || !$0.coversWeb }) {
                problems.append("story \(story.slug) is online without a valid consent")
            }
            if story.photoName != nil {
                guard let photo = story.photo else {
                    problems.append("story \(story.slug): unreadable photo record")
                    continue
                }
                if !ImageUpload.exists(photo, folder: SetStoryPhoto.folder, app: app) {
                    problems.append("story \(story.slug): photo files missing")
                }
                if (story.photoAlt ?? "").isEmpty { problems.append("story \(story.slug): photo without alt text") }
            }
        }
        return problems
    }

    static func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        let stories = try await Story.online(on: app.db).filter { story in
            story.publishedAt.map { AmsterdamTime.day($0).hasPrefix("\(year)-") } ?? false
        }.sorted { ($0.publishedAt ?? .distantPast) < ($1.publishedAt ?? .distantPast) }
        guard !stories.isEmpty else { return [] }
        return [
            ReportSection(
                titleKey: "stories.report.title",
                figures: [.init(labelKey: "stories.report.count", value: Int64(stories.count), unit: "count")],
                items: stories.map {
                    .init(
                        title: $0.title, day: $0.publishedAt.map(AmsterdamTime.day), detail: $0.summary,
                        path: StoriesPath.story(.value($0.slug)).path)
                })
        ]
    }

    static func indicator() -> Indicator {
        Indicator(key: "stories_published", unit: "count") { db in Int64(try await Story.online(on: db).count) }
    }
}
