import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A person's part of plans in their account export, and its erasure. Their reactions and
/// suggestions stay, shown as "deleted account" (a conversation and a plan's credits keep their
/// sense); their supports, sign-ups, follows, notifications, opt-out and reports go, with every
/// counter lowered in the deletion's transaction.
enum PlansPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let userID = try user.requireID()
        let reactions = try await PlanReaction.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
        let supports = try await PlanSupport.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
        let signups = try await PlanSignup.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
        let suggestions = try await PlanSuggestion.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
        let follows = try await PlanFollow.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
        let optOut = try await PlanDigestOptOut.query(on: db).filter(\.$userID == userID).first()
        if reactions.isEmpty, supports.isEmpty, signups.isEmpty, suggestions.isEmpty, follows.isEmpty, optOut == nil { return nil }
        let names = try await Names.load(
            planIDs: reactions.map(\.planID) + supports.map(\.planID) + signups.map(\.planID) + suggestions.map(\.planID)
                + follows.map(\.planID),
            sectionIDs: reactions.map(\.sectionID) + suggestions.map(\.sectionID),
            activityIDs: reactions.compactMap(\.activityID) + supports.map(\.activityID) + signups.map(\.activityID), on: db)
        return [
            "reactions": .array(
                reactions.map { r in
                    [
                        "plan": names.plan(r.planID), "section": names.section(r.sectionID),
                        "activity": r.activityID.map(names.activity) ?? .null, "is_reply": .bool(r.parentID != nil),
                        "as_movement": .bool(r.asMovement), "version": .int(Int64(r.versionNumber)), "body": .string(r.body),
                        "status": .string(r.status.rawValue), "written_at": time(r.createdAt),
                    ]
                }),
            "supports": .array(
                supports.map { ["plan": names.plan($0.planID), "activity": names.activity($0.activityID), "since": time($0.createdAt)] }),
            "signups": .array(
                signups.map { s in
                    [
                        "plan": names.plan(s.planID), "activity": names.activity(s.activityID), "role": .string(s.role.rawValue),
                        "note": .string(s.note), "since": time(s.createdAt),
                    ]
                }),
            "suggestions": .array(suggestions.map { suggestion($0, names) }),
            "follows": .array(follows.map { ["plan": names.plan($0.planID), "since": time($0.createdAt)] }),
            "digest_opt_out_since": optOut.map { time($0.createdAt) } ?? .null,
        ]
    }

    private static func suggestion(_ s: PlanSuggestion, _ names: Names) -> JSONValue {
        [
            "plan": names.plan(s.planID), "section": names.section(s.sectionID), "kind": .string(s.kind.rawValue),
            "title": .string(s.title), "body": .string(s.body), "timing": .string(s.timing), "needs": .string(s.needs),
            "domain": s.domain.map(JSONValue.string) ?? .null, "district": s.district.map(JSONValue.string) ?? .null,
            "explanation": .string(s.explanation), "base_version": .int(Int64(s.baseVersion)), "status": .string(s.status.rawValue),
            "decision_reason": s.decisionReason.map(JSONValue.string) ?? .null,
            "decided_at": s.decidedAt.map(time) ?? .null, "applied_version": s.appliedVersion.map { .int(Int64($0)) } ?? .null,
            "proposed_at": time(s.createdAt),
        ]
    }

    private static func time(_ date: Date) -> JSONValue { .string(ISO8601DateFormatter().string(from: date)) }

    /// Runs inside the account deletion transaction (`db`).
    static func erase(of user: User, app: Application, on db: any Database) async throws {
        let userID = try user.requireID()
        try await PlanReaction.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
        try await PlanSuggestion.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
        // What they did as staff stays, without their name (as the foreign keys do on PostgreSQL).
        try await PlanSuggestion.query(on: db).filter(\.$decidedBy == userID).set(\.$decidedBy, to: nil).update()
        try await PlanVersion.query(on: db).filter(\.$publishedBy == userID).set(\.$publishedBy, to: nil).update()
        try await PlanModerationDecision.query(on: db).filter(\.$moderatorID == userID).set(\.$moderatorID, to: nil).update()
        try await Plan.query(on: db).filter(\.$createdBy == userID).set(\.$createdBy, to: nil).update()

        try await remove("plan_supports", counter: "support_count", of: userID, on: db)
        try await remove("plan_signups", counter: "signup_count", of: userID, on: db)
        try await remove("plan_follows", counter: "follower_count", of: userID, on: db)

        try await PlanNotification.query(on: db).filter(\.$userID == userID).delete()
        try await PlanDigestOptOut.query(on: db).filter(\.$userID == userID).delete()
        // `ReactionRules.reporterKey`: "u:" and the account's id. The reaction's reportCount stays.
        try await PlanReactionReport.query(on: db).filter(
            \.$reporterKey ~~ ["u:" + userID.uuidString, "u:" + userID.uuidString.lowercased()]
        )
        .delete()
    }

    private struct Removed: Decodable {
        let plan_id: UUID
        let activity_id: UUID?
    }

    /// Deletes the person's rows of `table` and lowers `counter` by the rows really deleted: by
    /// one on each activity, by their number on each plan (in statements, never read-then-write,
    /// as `SupportActivity.count` does; a support withdrawn at the same moment is not counted twice).
    private static func remove(_ table: String, counter: String, of userID: UUID, on db: any Database) async throws {
        let hasActivity = table != "plan_follows"
        let removed = try await db.sql.raw(
            """
            DELETE FROM \(ident: table) WHERE user_id = \(bind: userID) \
            RETURNING plan_id\(unsafeRaw: hasActivity ? ", activity_id" : "")
            """
        ).all(decoding: Removed.self)
        for activityID in removed.compactMap(\.activity_id) {
            try await db.sql.raw(
                "UPDATE plan_activities SET \(ident: counter) = \(ident: counter) - 1 WHERE id = \(bind: activityID)"
            ).run()
        }
        for (planID, rows) in Dictionary(grouping: removed.map(\.plan_id), by: { $0 }).mapValues(\.count) {
            try await db.sql.raw("UPDATE plans SET \(ident: counter) = \(ident: counter) - \(bind: rows) WHERE id = \(bind: planID)").run()
        }
    }

    /// The titles the export names: plans, sections and activities as in the draft.
    private struct Names {
        var plans: [UUID: String] = [:]
        var sections: [UUID: String] = [:]
        var activities: [UUID: String] = [:]

        static func load(planIDs: [UUID], sectionIDs: [UUID], activityIDs: [UUID], on db: any Database) async throws -> Names {
            var names = Names()
            guard !planIDs.isEmpty else { return names }
            for plan in try await Plan.query(on: db).filter(\.$id ~~ Set(planIDs)).all() { names.plans[plan.id!] = plan.title }
            for section in try await PlanSection.query(on: db).filter(\.$id ~~ Set(sectionIDs)).all() {
                names.sections[section.id!] = section.title
            }
            for activity in try await PlanActivity.query(on: db).filter(\.$id ~~ Set(activityIDs)).all() {
                names.activities[activity.id!] = activity.title
            }
            return names
        }

        func plan(_ id: UUID) -> JSONValue { plans[id].map(JSONValue.string) ?? .null }
        func section(_ id: UUID) -> JSONValue { sections[id].map(JSONValue.string) ?? .null }
        func activity(_ id: UUID) -> JSONValue { activities[id].map(JSONValue.string) ?? .null }
    }
}
