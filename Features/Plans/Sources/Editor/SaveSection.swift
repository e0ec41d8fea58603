import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator adds a section to the draft (at the end) or changes one. The draft changes
/// only; readers see it from the next version. A second post of a new section with the same
/// title and text lands on the one already added.
struct SaveSection: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(UUID)
        case invalid(FormErrors)
        /// No such plan, or the section is not (or no longer) in its draft.
        case notFound
    }

    let app: Application

    /// `sectionID` nil adds a new section.
    func run(planID: UUID, sectionID: UUID?, _ form: SectionForm, by coordinator: User, language: Language) async throws -> Outcome {
        let fields = PlanFields.section(form, app: app, language: language)
        guard fields.isValid else { return .invalid(fields.errors) }
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard try await Plan.touchDraft(planID, now: now, on: db) != nil else { return .notFound }
            let section: PlanSection
            if let sectionID {
                guard let existing = try await PlanSection.find(sectionID, on: db), existing.planID == planID, existing.removedAt == nil
                else { return .notFound }
                section = existing
                section.title = fields["title"]
                section.body = fields["body"]
                section.updatedAt = now
                try await section.save(on: db)
            } else {
                let sections = try await PlanSection.query(on: db).filter(\.$planID == planID).all()
                if let same = sections.first(where: {
                    $0.removedAt == nil && $0.title == fields["title"] && $0.body == fields["body"]
                        && $0.createdAt > now.addingTimeInterval(-60)
                }) {
                    return .saved(try same.requireID())
                }
                let position = (sections.map(\.position).max() ?? -1) + 1
                section = PlanSection(planID: planID, position: position, title: fields["title"], body: fields["body"], now: now)
                try await section.create(on: db)
            }
            let id = try section.requireID()
            try await AuditEvent.record(
                sectionID == nil ? "plans.section.added" : "plans.section.edited", subject: "plan_section:\(id)", by: userID, on: db)
            return .saved(id)
        }
    }
}

/// A coordinator takes a section, with its activities, out of the draft. Published versions and
/// the reactions on them keep it. Removing it again changes nothing.
struct RemoveSection: Sendable {
    enum Outcome: Sendable, Equatable { case removed, notFound }

    let app: Application

    func run(planID: UUID, sectionID: UUID, by coordinator: User) async throws -> Outcome {
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let section = try await PlanSection.find(sectionID, on: db), section.planID == planID else { return .notFound }
            guard section.removedAt == nil else { return .removed }
            guard try await Plan.touchDraft(planID, now: now, on: db) != nil else { return .notFound }
            section.removedAt = now
            section.updatedAt = now
            try await section.save(on: db)
            try await PlanActivity.query(on: db).filter(\.$sectionID == sectionID).filter(\.$removedAt == nil)
                .set(\.$removedAt, to: now).set(\.$updatedAt, to: now).update()
            try await AuditEvent.record("plans.section.removed", subject: "plan_section:\(sectionID)", by: userID, on: db)
            return .removed
        }
    }
}

/// A coordinator moves a section one place up or down among the draft's sections.
struct MoveSection: Sendable {
    enum Direction: String, Sendable { case up = "op", down = "neer" }
    enum Outcome: Sendable, Equatable {
        case moved
        /// Already first (up) or last (down): nothing changed.
        case atEdge
        case notFound
    }

    let app: Application

    func run(planID: UUID, sectionID: UUID, _ direction: Direction, by coordinator: User) async throws -> Outcome {
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard try await Plan.locked(planID, on: db) != nil else { return .notFound }
            let sections = try await PlanSection.query(on: db).filter(\.$planID == planID).filter(\.$removedAt == nil)
                .sort(\.$position).all()
            guard let index = sections.firstIndex(where: { $0.id == sectionID }) else { return .notFound }
            let other = direction == .up ? index - 1 : index + 1
            guard sections.indices.contains(other) else { return .atEdge }
            let (a, b) = (sections[index], sections[other])
            (a.position, b.position) = (b.position, a.position)
            a.updatedAt = now
            b.updatedAt = now
            try await a.save(on: db)
            try await b.save(on: db)
            _ = try await Plan.touchDraft(planID, now: now, on: db)
            try await AuditEvent.record(
                "plans.section.moved", subject: "plan_section:\(sectionID)", details: direction.rawValue, by: userID, on: db)
            return .moved
        }
    }
}
