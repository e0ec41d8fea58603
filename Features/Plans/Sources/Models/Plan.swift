import Fluent
import Foundation
import KrachtCore

/// A living document of the movement ("Calls to Action", the policy plan): sections with
/// activities. Coordinators edit its draft (`PlanSection`, `PlanActivity`) and publish it as a
/// numbered `PlanVersion`; the public reads the latest version. The counters are kept in the
/// transaction of each change and checked by `kracht verify`.
public final class Plan: Model, @unchecked Sendable {
    public static let schema = "plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "title") public var title: String
    /// A plain-text line or two under the title (the version's own copy is in its snapshot).
    @Field(key: "summary") public var summary: String
    /// The draft's title and summary once a coordinator edited them (nil until then);
    /// nil: the same as `title`/`summary`, which publishing sets from the draft.
    @OptionalField(key: "draft_title") public var draftTitle: String?
    @OptionalField(key: "draft_summary") public var draftSummary: String?
    /// The latest published version's number; 0 while the plan was never published.
    @Field(key: "published_version") public var publishedVersion: Int
    @OptionalField(key: "published_at") public var publishedAt: Date?
    /// When the draft last changed: a draft newer than `publishedAt` has something to publish.
    @Field(key: "draft_changed_at") public var draftChangedAt: Date
    /// Visible reactions (not held, not removed).
    @Field(key: "reaction_count") public var reactionCount: Int
    /// Supports over all its activities.
    @Field(key: "support_count") public var supportCount: Int
    /// Sign-ups to help or organise over all its activities.
    @Field(key: "signup_count") public var signupCount: Int
    @Field(key: "accepted_suggestions") public var acceptedSuggestions: Int
    @Field(key: "follower_count") public var followerCount: Int
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    /// A new, empty draft.
    public static func new(slug: String, title: String, summary: String, createdBy: UUID?, now: Date) -> Plan {
        let plan = Plan()
        plan.slug = slug
        plan.title = title
        plan.summary = summary
        plan.publishedVersion = 0
        plan.draftChangedAt = now
        plan.reactionCount = 0
        plan.supportCount = 0
        plan.signupCount = 0
        plan.acceptedSuggestions = 0
        plan.followerCount = 0
        plan.createdBy = createdBy
        plan.createdAt = now
        plan.updatedAt = now
        return plan
    }

    public var isPublished: Bool { publishedVersion > 0 }
}

/// A section of a plan's draft. Its id stays the same across versions, so reactions, suggestions
/// and the diff follow the section; removing it from the draft sets `removedAt` (older versions
/// and the reactions on them keep it).
public final class PlanSection: Model, @unchecked Sendable {
    public static let schema = "plan_sections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    /// Markdown, rendered safely by `PlanMarkdown`.
    @Field(key: "body") public var body: String
    @OptionalField(key: "removed_at") public var removedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(planID: UUID, position: Int, title: String, body: String, now: Date) {
        self.planID = planID
        self.position = position
        self.title = title
        self.body = body
        self.createdAt = now
        self.updatedAt = now
    }
}

/// An activity of a section: what, who organises, when, what is needed, and the domain and
/// district it concerns. Supports and sign-ups are kept as counters on it.
public final class PlanActivity: Model, @unchecked Sendable {
    public static let schema = "plan_activities"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "section_id") public var sectionID: UUID
    @Field(key: "position") public var position: Int
    /// What: one line.
    @Field(key: "title") public var title: String
    /// More about it (Markdown), may be empty.
    @Field(key: "description") public var description: String
    /// Who organises (free text: "de coördinatiegroep", "bewoners van Noord").
    @Field(key: "organiser") public var organiser: String
    /// When (free text: "rond begin maart 2022", "maandelijks").
    @Field(key: "timing") public var timing: String
    /// What is needed (people, money, a room).
    @Field(key: "needs") public var needs: String
    /// A domain slug of `app.reference.domains`, or nil.
    @OptionalField(key: "domain") public var domain: String?
    /// A district code of `app.reference.districts`, or nil for the whole city.
    @OptionalField(key: "district") public var district: String?
    @Field(key: "support_count") public var supportCount: Int
    @Field(key: "signup_count") public var signupCount: Int
    /// The accepted suggestion it came from, credited to its proposer.
    @OptionalField(key: "suggestion_id") public var suggestionID: UUID?
    @OptionalField(key: "removed_at") public var removedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(planID: UUID, sectionID: UUID, position: Int, title: String, now: Date) {
        self.planID = planID
        self.sectionID = sectionID
        self.position = position
        self.title = title
        self.description = ""
        self.organiser = ""
        self.timing = ""
        self.needs = ""
        self.supportCount = 0
        self.signupCount = 0
        self.createdAt = now
        self.updatedAt = now
    }
}

/// A published version: its number, date, note of what changed, and the whole document as it
/// was (`PlanSnapshot`, JSON, with its Markdown already rendered), so history and diffs never
/// depend on the draft.
public final class PlanVersion: Model, @unchecked Sendable {
    public static let schema = "plan_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "published_at") public var publishedAt: Date
    @OptionalField(key: "published_by") public var publishedBy: UUID?
    /// What changed, in a sentence or two.
    @Field(key: "note") public var note: String
    @Field(key: "snapshot") public var snapshotJSON: String

    public init() {}

    public init(planID: UUID, number: Int, publishedAt: Date, publishedBy: UUID?, note: String, snapshot: PlanSnapshot) throws {
        self.planID = planID
        self.number = number
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.note = note
        self.snapshotJSON = try snapshot.json()
    }

    public func snapshot() throws -> PlanSnapshot { try PlanSnapshot.decode(snapshotJSON) }
}
