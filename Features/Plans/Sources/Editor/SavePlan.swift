import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator starts a new plan: an empty draft with a title, a summary and an address made
/// from the title. A second post of the same form within a minute lands on the same plan.
struct CreatePlan: Sendable {
    enum Outcome: Sendable, Equatable {
        case created(slug: String)
        case invalid(FormErrors)
    }

    let app: Application

    func run(_ form: PlanForm, by coordinator: User, language: Language) async throws -> Outcome {
        let fields = PlanFields.plan(form, app: app, language: language)
        guard fields.isValid else { return .invalid(fields.errors) }
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        for attempt in 1...3 {
            do {
                return try await app.db.writeTransaction { db in
                    if let same = try await Plan.query(on: db).filter(\.$createdBy == userID).filter(\.$title == fields["title"])
                        .filter(\.$createdAt > now.addingTimeInterval(-60)).first()
                    {
                        return .created(slug: same.slug)
                    }
                    let slug = try await PlanSlug.unique(for: fields["title"], on: db)
                    let plan = Plan.new(slug: slug, title: fields["title"], summary: fields["summary"], createdBy: userID, now: now)
                    try await plan.create(on: db)
                    try await AuditEvent.record("plans.plan.created", subject: "plan:\(try plan.requireID())", by: userID, on: db)
                    return .created(slug: slug)
                }
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 3 {
                // Two new plans of one title at once on PostgreSQL: the slug's unique index let the
                // other in first; this one takes the next free slug.
                continue
            }
        }
        throw Abort(.conflict)
    }
}

/// A coordinator changes the draft's title or summary; the public keeps seeing the published
/// ones until the next version (a plan never published shows nothing to the public anyway).
struct EditPlan: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved
        case invalid(FormErrors)
        case notFound
    }

    let app: Application

    func run(planID: UUID, _ form: PlanForm, by coordinator: User, language: Language) async throws -> Outcome {
        let fields = PlanFields.plan(form, app: app, language: language)
        guard fields.isValid else { return .invalid(fields.errors) }
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let plan = try await Plan.locked(planID, on: db) else { return .notFound }
            plan.draftTitle = fields["title"]
            plan.draftSummary = fields["summary"]
            if !plan.isPublished {
                plan.title = fields["title"]
                plan.summary = fields["summary"]
            }
            plan.draftChangedAt = now
            plan.updatedAt = now
            try await plan.save(on: db)
            try await AuditEvent.record("plans.plan.edited", subject: "plan:\(planID)", by: userID, on: db)
            return .saved
        }
    }
}

extension Plan {
    /// The draft's title and summary (what the next version will say).
    var draftTitleOrTitle: String { draftTitle ?? title }
    var draftSummaryOrSummary: String { draftSummary ?? summary }

    /// The plan, locked, with its draft marked as changed now: every editor command calls it first.
    static func touchDraft(_ planID: UUID, now: Date, on db: any Database) async throws -> Plan? {
        guard let plan = try await Plan.locked(planID, on: db) else { return nil }
        plan.draftChangedAt = now
        plan.updatedAt = now
        try await plan.save(on: db)
        return plan
    }
}
