import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator adds an activity to a section of the draft (at its end) or changes one. Its
/// support and sign-ups stay with it; a second post of the same new activity lands on the first.
struct SaveActivity: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(UUID)
        case invalid(FormErrors)
        case notFound
    }

    let app: Application

    /// New: `sectionID` and no `activityID`; a change: `activityID`.
    func run(planID: UUID, sectionID: UUID?, activityID: UUID?, _ form: ActivityForm, by coordinator: User, language: Language)
        async throws -> Outcome
    {
        let fields = PlanFields.activity(form, app: app, language: language)
        guard fields.isValid else { return .invalid(fields.errors) }
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard try await Plan.touchDraft(planID, now: now, on: db) != nil else { return .notFound }
            let activity: PlanActivity
            if let activityID {
                guard let existing = try await PlanActivity.find(activityID, on: db), existing.planID == planID, existing.removedAt == nil
                else { return .notFound }
                activity = existing
            } else {
                guard let sectionID, let section = try await PlanSection.find(sectionID, on: db), section.planID == planID,
                    section.removedAt == nil
                else { return .notFound }
                let siblings = try await PlanActivity.query(on: db).filter(\.$sectionID == sectionID).all()
                if let same = siblings.first(where: {
                    $0.removedAt == nil && $0.title == fields["title"] && $0.description == fields["description"]
                        && $0.createdAt > now.addingTimeInterval(-60)
                }) {
                    return .saved(try same.requireID())
                }
                let position = (siblings.map(\.position).max() ?? -1) + 1
                activity = PlanActivity(planID: planID, sectionID: sectionID, position: position, title: fields["title"], now: now)
            }
            activity.title = fields["title"]
            activity.description = fields["description"]
            activity.organiser = fields["organiser"]
            activity.timing = fields["timing"]
            activity.needs = fields["needs"]
            activity.domain = fields["domain"].isEmpty ? nil : fields["domain"]
            activity.district = fields["district"].isEmpty ? nil : fields["district"]
            activity.updatedAt = now
            try await activity.save(on: db)
            let id = try activity.requireID()
            try await AuditEvent.record(
                activityID == nil ? "plans.activity.added" : "plans.activity.edited", subject: "plan_activity:\(id)", by: userID, on: db)
            return .saved(id)
        }
    }
}

/// A coordinator takes an activity out of the draft; published versions keep it, and so do its
/// supports and sign-ups (the counters stay true). Removing it again changes nothing.
struct RemoveActivity: Sendable {
    enum Outcome: Sendable, Equatable { case removed, notFound }

    let app: Application

    func run(planID: UUID, activityID: UUID, by coordinator: User) async throws -> Outcome {
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let activity = try await PlanActivity.find(activityID, on: db), activity.planID == planID else { return .notFound }
            guard activity.removedAt == nil else { return .removed }
            guard try await Plan.touchDraft(planID, now: now, on: db) != nil else { return .notFound }
            activity.removedAt = now
            activity.updatedAt = now
            try await activity.save(on: db)
            try await AuditEvent.record("plans.activity.removed", subject: "plan_activity:\(activityID)", by: userID, on: db)
            return .removed
        }
    }
}
