import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One indicator's value on one Amsterdam day, taken by the daily snapshot job. One row per
/// indicator per day (unique), however often or on however many instances the job runs.
public final class DashboardSnapshot: Model, @unchecked Sendable {
    public static let schema = "dashboard_snapshots"

    @ID(key: .id) public var id: UUID?
    @Field(key: "indicator_key") public var key: String
    /// Amsterdam day, `yyyy-MM-dd`.
    @Field(key: "day") public var day: String
    @Field(key: "value") public var value: Int64
    @Field(key: "taken_at") public var takenAt: Date

    public init() {}
}

/// An indicator's target for one year, as coordinators set it. Old years stay.
public final class DashboardTarget: Model, @unchecked Sendable {
    public static let schema = "dashboard_targets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "year") public var year: Int
    @Field(key: "indicator_key") public var key: String
    @Field(key: "target") public var target: Int64
    @Field(key: "updated_at") public var updatedAt: Date
    /// The coordinator who last set it; `nil` for the reference data's or after their erasure.
    @OptionalField(key: "updated_by") public var updatedBy: UUID?

    public init() {}

    public init(year: Int, key: String, target: Int64, updatedAt: Date, updatedBy: UUID?) {
        self.id = UUID()
        self.year = year
        self.key = key
        self.target = target
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

struct CreateDashboardTables: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(DashboardSnapshot.schema)
            .id()
            .field("indicator_key", .string, .required)
            .field("day", .string, .required)
            .field("value", .int64, .required)
            .field("taken_at", .datetime, .required)
            .unique(on: "indicator_key", "day", name: "dashboard_snapshots_key_day")
            .create()
        try await db.schema(DashboardTarget.schema)
            .id()
            .field("year", .int, .required)
            .field("indicator_key", .string, .required)
            .field("target", .int64, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .unique(on: "year", "indicator_key", name: "dashboard_targets_year_key")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DashboardTarget.schema).delete()
        try await db.schema(DashboardSnapshot.schema).delete()
    }
}
