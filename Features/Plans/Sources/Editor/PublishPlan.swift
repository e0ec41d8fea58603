import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator publishes the draft as the next version, with a note of what changed. The plan
/// is locked and re-read, so two publishes at once give one version: the second finds the draft
/// equal to the version just made. Accepted suggestions get this version as theirs, and
/// followers hear of it in their next digest — all in the one transaction.
struct PublishPlan: Sendable {
    static let maxNote = 500

    enum Outcome: Sendable, Equatable {
        case published(number: Int)
        /// The note of what changed is empty, too long or holds control characters.
        case noteMissing(String)
        /// The draft says exactly what the latest version says.
        case nothingToPublish
        /// The draft has no section: a version must say something.
        case empty
        case notFound
    }

    let app: Application

    func run(planID: UUID, note: String?, by coordinator: User, language: Language) async throws -> Outcome {
        let (note, problem) = TextField.check(note, maxLength: Self.maxNote, singleLine: false)
        if let problem {
            return .noteMissing(TextField.message(for: problem, maxLength: Self.maxNote) { app.catalogue.text($0, in: language) })
        }
        let userID = try coordinator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let plan = try await Plan.locked(planID, on: db) else { return .notFound }
            let draft = try await DraftSnapshot.make(plan, on: db)
            guard !draft.sections.isEmpty else { return .empty }
            if let latest = try await PlanAccess.latestVersion(of: plan, on: db), try latest.snapshot() == draft {
                return .nothingToPublish
            }
            let number = plan.publishedVersion + 1
            let version = try PlanVersion(
                planID: planID, number: number, publishedAt: now, publishedBy: userID, note: note, snapshot: draft)
            try await version.create(on: db)
            plan.publishedVersion = number
            plan.publishedAt = now
            plan.title = draft.title
            plan.summary = draft.summary
            plan.draftTitle = nil
            plan.draftSummary = nil
            plan.updatedAt = now
            try await plan.save(on: db)
            try await SuggestionCredits.markApplied(planID: planID, version: number, on: db)
            try await PlanNotifications.versionPublished(planID: planID, versionID: try version.requireID(), now: now, on: db)
            try await AuditEvent.record(
                "plans.version.published", subject: "plan:\(planID)", details: "version \(number)", by: userID, on: db)
            return .published(number: number)
        }
    }
}
