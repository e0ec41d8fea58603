import Fluent
import Foundation
import KrachtCore

/// The fund's published criteria, as data: each version has its dates, its criteria in every
/// fund language, and the limits the committee sets. A new version starts the day it is valid
/// from and ends the one before; every decision names the version it was judged under.
public final class CriteriaVersion: Model, @unchecked Sendable {
    public static let schema = "support_criteria_versions"

    /// One criterion, with its title and explanation per language code.
    public struct Criterion: Codable, Sendable, Equatable {
        /// `acute`, `no_provision`, `amsterdam`, `limits` (stable across versions).
        public var key: String
        public var title: [String: String]
        public var explanation: [String: String]

        public init(key: String, title: [String: String], explanation: [String: String]) {
            self.key = key
            self.title = title
            self.explanation = explanation
        }
    }

    struct CriteriaDocument: Codable, Sendable, Equatable { var items: [Criterion] }

    @ID(key: .id) public var id: UUID?
    @Field(key: "version") public var version: Int
    @Field(key: "valid_from") public var validFrom: Date
    @OptionalField(key: "valid_until") public var validUntil: Date?
    /// The criteria, stored as one JSON object (`{"items": […]}`): Fluent would bind a bare
    /// array as PostgreSQL's `jsonb[]`, which a `jsonb` column refuses.
    @Field(key: "criteria") var criteriaDocument: CriteriaDocument
    public var criteria: [Criterion] {
        get { criteriaDocument.items }
        set { criteriaDocument = CriteriaDocument(items: newValue) }
    }
    /// The most one person is granted within `perPersonDays` days.
    @Field(key: "per_person_limit_cents") public var perPersonLimitCents: Int64
    @Field(key: "per_person_days") public var perPersonDays: Int
    /// The most granted in one calendar month, all cases together.
    @Field(key: "monthly_budget_cents") public var monthlyBudgetCents: Int64
    /// The promised response time: a case waiting longer is flagged in the queue.
    @Field(key: "response_hours") public var responseHours: Int
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// The version in force at `date`: the newest that started by then.
    public static func current(at date: Date = Date(), on db: any Database) async throws -> CriteriaVersion? {
        try await query(on: db).filter(\.$validFrom <= date).sort(\.$version, .descending).first()
    }
}
