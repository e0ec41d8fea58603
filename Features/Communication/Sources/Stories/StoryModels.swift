import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A story: published by a coordinator, online only while the people in it consent.
final class Story: Model, @unchecked Sendable {
    static let schema = "story_stories"
    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    /// `ImageUpload.Stored` as JSON, nil without a photo.
    @OptionalField(key: "photo") var photoJSON: String?
    /// The photo's stem, to find the story of a requested file.
    @OptionalField(key: "photo_name") var photoName: String?
    @OptionalField(key: "photo_alt") var photoAlt: String?
    @OptionalField(key: "domain") var domain: String?
    @OptionalField(key: "district") var district: String?
    @OptionalField(key: "campaign") var campaign: String?
    /// `draft` or `published`.
    @Field(key: "status") var status: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Children(for: \.$story) var consents: [StoryConsent]

    init() {}

    var photo: ImageUpload.Stored? {
        get { photoJSON.flatMap { try? JSONDecoder().decode(ImageUpload.Stored.self, from: Data($0.utf8)) } }
        set {
            photoJSON = newValue.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
            photoName = newValue?.name
        }
    }

    enum Offline: String { case draft, noConsent = "no_consent", withdrawn, notForWeb = "not_for_web" }

    /// Why the story is not online, nil when it is (consents loaded): online only while every
    /// person in it consents to the web (a consent for print alone keeps it off the site).
    var offline: Offline? {
        if status != "published" { return .draft }
        if consents.contains(where: { $0.withdrawnAt != nil }) { return .withdrawn }
        if consents.isEmpty { return .noConsent }
        if consents.contains(where: { !$0.coversWeb }) { return .notForWeb }
        return nil
    }
    var isOnline: Bool { offline == nil }

    /// Every story online now, newest first.
    static func online(on db: any Database) async throws -> [Story] {
        try await Story.query(on: db).filter(\.$status == "published").with(\.$consents).sort(\.$publishedAt, .descending).all()
            .filter(\.isOnline)
    }
}

/// The consent of a person in a story: who (private: never shown publicly nor in the API), for
/// which uses, given on which day, recorded by whom; withdrawn takes the story offline.
final class StoryConsent: Model, @unchecked Sendable {
    static let schema = "story_consents"
    static let uses = ["web", "social", "print", "newsletter"]
    @ID(key: .id) var id: UUID?
    @Parent(key: "story_id") var story: Story
    @Field(key: "person") var person: String
    /// `,web,social,`
    @Field(key: "uses") var uses: String
    @Field(key: "given_on") var givenOn: String
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var useList: [String] { uses.split(separator: ",").map(String.init) }
    var coversWeb: Bool { useList.contains("web") }
}

struct CreateStoryTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Story.schema)
            .id()
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("photo", .string)
            .field("photo_name", .string)
            .field("photo_alt", .string)
            .field("domain", .string)
            .field("district", .string)
            .field("campaign", .string)
            .field("status", .string, .required)
            .field("published_at", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "slug", name: "story_stories_slug_unique")
            .create()
        try await database.schema(StoryConsent.schema)
            .id()
            .field("story_id", .uuid, .required, .references(Story.schema, "id", onDelete: .cascade))
            .field("person", .string, .required)
            .field("uses", .string, .required)
            .field("given_on", .string, .required)
            .field("recorded_by", .uuid)
            .field("withdrawn_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX story_consents_story ON story_consents (story_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoryConsent.schema).delete()
        try await database.schema(Story.schema).delete()
    }
}
