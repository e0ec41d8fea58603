import Fluent
import Foundation
import KrachtCore
import Vapor

/// Volunteer time given on an action: logged by an organiser (confirmed at once) or by the
/// volunteer (pending until an organiser confirms). Only confirmed hours count, valued at the
/// CBS average hourly wage (`ReferenceData.volunteerHourCents`).
public final class VolunteerHours: Model, @unchecked Sendable {
    public static let schema = "volunteer_hours"
    public enum State: String, Codable, Sendable, CaseIterable { case pending, confirmed, rejected }
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "action_id") public var actionID: UUID
    /// The volunteer; nil for hours an organiser logged for people without an account, or after erasure.
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "minutes") public var minutes: Int
    /// People the work reached (guests at a dinner, children helped), as logged; 0 if not known.
    @Field(key: "people_reached") public var peopleReached: Int
    /// The day it was done (`yyyy-MM-dd`, Amsterdam).
    @Field(key: "worked_on") public var workedOn: String
    @Field(key: "state") public var state: State
    @OptionalField(key: "logged_by") public var loggedBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    public init() {}
}

/// The movement-wide counters behind the indicators, in one row: read for every home page, kept
/// in the same transaction as the change, recounted by `kracht verify`. `catalogueVersion` goes
/// up with every change to an open action, so every app instance knows when the matching
/// catalogue it keeps in memory is stale.
public final class InitiativeTotals: Model, @unchecked Sendable {
    public static let schema = "initiative_totals"
    public static let rowID = UUID(uuidString: "00000000-0000-0000-0000-000000000011")!
    @ID(key: .id) public var id: UUID?
    @Field(key: "public_initiatives") public var publicInitiatives: Int64
    @Field(key: "under_flag") public var underFlag: Int64
    @Field(key: "people_connected") public var peopleConnected: Int64
    @Field(key: "confirmed_minutes") public var confirmedMinutes: Int64
    @Field(key: "catalogue_version") public var catalogueVersion: Int64
    public init() {}

    public enum Counter: String, Sendable, CaseIterable {
        case publicInitiatives = "public_initiatives", underFlag = "under_flag", peopleConnected = "people_connected"
        case confirmedMinutes = "confirmed_minutes", catalogueVersion = "catalogue_version"
    }

    /// Adds `delta` to a counter, in the caller's transaction (an atomic `UPDATE … SET x = x + ?`).
    public static func adjust(_ counter: Counter, by delta: Int64, on db: any Database) async throws {
        guard delta != 0 else { return }
        try await db.sql.raw(
            "UPDATE initiative_totals SET \(unsafeRaw: counter.rawValue) = \(unsafeRaw: counter.rawValue) + \(bind: delta) WHERE id = \(bind: rowID)"
        ).run()
    }

    /// Marks the open actions changed: call in every transaction that creates, edits, closes,
    /// fills or frees an action, or changes what matching reads of its initiative.
    public static func actionsChanged(on db: any Database) async throws {
        try await adjust(.catalogueVersion, by: 1, on: db)
    }

    public static func current(on db: any Database) async throws -> InitiativeTotals {
        guard let row = try await InitiativeTotals.find(rowID, on: db) else {
            throw Abort(.internalServerError, reason: "initiative_totals has no row")
        }
        return row
    }
}
