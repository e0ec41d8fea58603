import Fluent
import Foundation
import KrachtCore
import Vapor

/// A section's discussion: its title and text as last published, and its reactions (those to the
/// section itself; an activity's are on the activity's page). A section dropped from the latest
/// version says so and links to the version it was last in; its reactions stay readable.
struct SectionPage: Encodable {
    /// A refused reaction, shown again above the thread with its text and why.
    struct Retry: Encodable {
        var body: String
        var activityID: String?
        var parentID: String?
        var terug: String
        var errors = FormErrors()
    }

    static let retryLayout = FormLayout(
        id: "reactie-opnieuw", [.field("body", id: "reactie-opnieuw-tekst", label: "plans.reactions.label")])

    var planTitle: String
    var planPath: String
    var title: String
    var html: String
    var inLatest: Bool
    var lastVersion: Int?
    var lastVersionPath: String?
    var thread: ReactionThreadsView
    var retry: Retry?
    var reactPath: String
    var sectionID: String
    var bodyMax: Int

    static func load(_ plan: Plan, sectionID: UUID, page: Int, req: Request, retry: Retry? = nil) async throws -> SectionPage {
        guard let (version, section) = try await lastPublished(sectionID, of: plan, on: req.db) else { throw Abort(.notFound) }
        let inLatest = version.number == plan.publishedVersion
        var thread = try await ReactionThreads.load(plan: plan, sectionID: sectionID, activityID: nil, page: page, req: req)
        if !inLatest { thread.open = false }
        if retry != nil { thread.formShown = false }
        return SectionPage(
            planTitle: plan.title, planPath: PlansPath.plan(.value(plan.slug)).path, title: section.title,
            html: PlanMarkdown.html(section.markdown, topLevel: 2),
            inLatest: inLatest, lastVersion: inLatest ? nil : version.number,
            lastVersionPath: inLatest ? nil : PlansPath.version(.value(plan.slug), number: .value(version.number)).path,
            thread: thread, retry: retry, reactPath: PlansPath.react(.value(plan.slug)).path, sectionID: sectionID.uuidString,
            bodyMax: PlanReaction.bodyMax)
    }

    /// The newest version holding the section, with the section as it was there.
    static func lastPublished(_ sectionID: UUID, of plan: Plan, on db: any Database) async throws -> (PlanVersion, PlanSnapshot.Section)? {
        let versions = try await PlanVersion.query(on: db).filter(\.$planID == plan.requireID()).sort(\.$number, .descending).limit(200)
            .all()
        for version in versions {
            if let section = try version.snapshot().section(sectionID) { return (version, section) }
        }
        return nil
    }
}
