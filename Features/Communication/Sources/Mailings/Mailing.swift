import Fluent
import Foundation
import KrachtCore
import SQLKit

/// A mailing: its subject and Markdown body, its segment, and how far sending got. A draft can
/// be edited; `sending` and `sent` cannot. The segment's lists are `,key,key,` like the
/// subscribers' (`NewsletterSubscriber.join`), `,` for none chosen (everyone).
public final class Mailing: Model, @unchecked Sendable {
    public static let schema = "mailings"

    public enum Status: String, Codable, Sendable {
        case draft, sending, sent
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "districts") public var districtsList: String
    @Field(key: "domains") public var domainsList: String
    @Field(key: "audiences") public var audiencesList: String
    @Field(key: "status") public var status: Status
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "created_by") public var createdBy: UUID?
    /// Recipients snapshot at sending; then how many the outbox sent and gave up on.
    @Field(key: "total") public var total: Int
    @Field(key: "sent_count") public var sentCount: Int
    @Field(key: "failed_count") public var failedCount: Int
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    /// The token of the one sending job that may go on (`MailingSender`): a job left behind by a
    /// restart finds another token and does nothing.
    @OptionalField(key: "job_token") public var jobToken: String?

    public init() {}

    public var districts: [String] {
        get { NewsletterSubscriber.split(districtsList) }
        set { districtsList = NewsletterSubscriber.join(newValue) }
    }
    public var domains: [String] {
        get { NewsletterSubscriber.split(domainsList) }
        set { domainsList = NewsletterSubscriber.join(newValue) }
    }
    public var audiences: [String] {
        get { NewsletterSubscriber.split(audiencesList) }
        set { audiencesList = NewsletterSubscriber.join(newValue) }
    }
}

/// One subscriber of a mailing's snapshot: `queued` until a batch hands the message to the
/// outbox (`handed`, with its outbox row) or finds the subscriber gone (`skipped`), in the same
/// transaction as the outbox row. Unique per mailing and subscriber: nobody is in it twice.
public final class MailingRecipient: Model, @unchecked Sendable {
    public static let schema = "mailing_recipients"

    public enum Status: String, Codable, Sendable { case queued, handed, skipped }

    @ID(key: .id) public var id: UUID?
    @Field(key: "mailing_id") public var mailingID: UUID
    @Field(key: "subscriber_id") public var subscriberID: UUID
    @Field(key: "status") public var status: Status
    @OptionalField(key: "outbox_id") public var outboxID: UUID?

    public init() {}
}

struct CreateMailings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Mailing.schema)
            .id()
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("districts", .string, .required)
            .field("domains", .string, .required)
            .field("audiences", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("total", .int, .required)
            .field("sent_count", .int, .required)
            .field("failed_count", .int, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("job_token", .string)
            .create()
        try await db.schema(MailingRecipient.schema)
            .id()
            .field("mailing_id", .uuid, .required, .references(Mailing.schema, "id", onDelete: .cascade))
            .field("subscriber_id", .uuid, .required)
            .field("status", .string, .required)
            .field("outbox_id", .uuid)
            .unique(on: "mailing_id", "subscriber_id", name: "mailing_recipients_once")
            .create()
        try await db.sql.create(index: "mailing_recipients_queue").on(MailingRecipient.schema).column("mailing_id").column("status")
            .run()
        try await db.sql.create(index: "mailing_recipients_subscriber").on(MailingRecipient.schema).column("subscriber_id").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(MailingRecipient.schema).delete()
        try await db.schema(Mailing.schema).delete()
    }
}
