import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One address on the newsletter list. `mailbox` (`EmailAddress.canonicalMailbox`) is unique:
/// however the address is spelled, it is on the list once. Districts and domains of interest are
/// reference data keys kept as `,key,key,` (leading and trailing comma), so both databases filter
/// with `LIKE '%,key,%'`; empty is `,` (all of them: no preference).
public final class NewsletterSubscriber: Model, @unchecked Sendable {
    public static let schema = "newsletter_subscribers"

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Asked, the confirmation link not yet followed: receives nothing but that link.
        case pending
        case confirmed
        case unsubscribed
    }

    public enum Source: String, Codable, Sendable {
        case form
        case manifesto
        case demo
        case fill
    }

    @ID(key: .id) public var id: UUID?
    /// As typed (trimmed); emptied when an unsubscribed row is kept only as a suppression.
    @Field(key: "email") public var email: String
    @Field(key: "mailbox") public var mailbox: String
    @OptionalField(key: "name") public var name: String?
    @Field(key: "language") public var language: String
    @Field(key: "districts") public var districtsList: String
    @Field(key: "domains") public var domainsList: String
    @Field(key: "status") public var status: Status
    /// SHA-256 of the confirmation link's secret (`SecureToken.hash`); nil once confirmed.
    @OptionalField(key: "confirmation_hash") public var confirmationHash: String?
    /// When the last confirmation mail went out: the link is valid for `Subscribe.linkValidity`
    /// from then, and a new mail waits `Subscribe.resendAfter`.
    @OptionalField(key: "confirmation_sent_at") public var confirmationSentAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    @OptionalField(key: "unsubscribed_at") public var unsubscribedAt: Date?
    /// The outbox gave up on this address for good (SMTP 5xx): mailings skip it.
    @OptionalField(key: "bounced_at") public var bouncedAt: Date?
    @Field(key: "source") public var source: String
    /// The campaign code the person came with (`?ref=`), for the campaign register.
    @OptionalField(key: "ref") public var ref: String?

    public init() {}

    public var districts: [String] {
        get { Self.split(districtsList) }
        set { districtsList = Self.join(newValue) }
    }
    public var domains: [String] {
        get { Self.split(domainsList) }
        set { domainsList = Self.join(newValue) }
    }

    public var preferredLanguage: Language { Language(rawValue: language) ?? .nl }

    /// `,a,b,` for `[a, b]`, `,` for none; sorted and once each, so equal choices store equally.
    public static func join(_ keys: [String]) -> String { "," + Set(keys).sorted().map { $0 + "," }.joined() }
    public static func split(_ list: String) -> [String] { list.split(separator: ",").map(String.init) }

    /// The subscriber with this mailbox, if any.
    public static func find(mailbox: String, on db: any Database) async throws -> NewsletterSubscriber? {
        try await query(on: db).filter(\.$mailbox == mailbox).first()
    }
}

/// The list's table: one row per mailbox.
struct CreateNewsletterSubscribers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(NewsletterSubscriber.schema)
            .id()
            .field("email", .string, .required)
            .field("mailbox", .string, .required)
            .field("name", .string)
            .field("language", .string, .required)
            .field("districts", .string, .required)
            .field("domains", .string, .required)
            .field("status", .string, .required)
            .field("confirmation_hash", .string)
            .field("confirmation_sent_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("unsubscribed_at", .datetime)
            .field("bounced_at", .datetime)
            .field("source", .string, .required)
            .field("ref", .string)
            .unique(on: "mailbox", name: "newsletter_subscribers_mailbox_key")
            .create()
        try await db.sql.create(index: "newsletter_subscribers_status").on(NewsletterSubscriber.schema).column("status").column(
            "confirmed_at"
        )
        .run()
        try await db.sql.create(index: "newsletter_subscribers_confirmation").on(NewsletterSubscriber.schema).column("confirmation_hash")
            .run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(NewsletterSubscriber.schema).delete()
    }
}
