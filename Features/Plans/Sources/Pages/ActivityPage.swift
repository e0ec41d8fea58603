import Fluent
import Foundation
import KrachtCore
import Vapor

/// One activity as the latest version has it: its fields, its support and sign-ups, and its
/// reactions. An activity no longer in the plan keeps its page (its reactions stay readable),
/// marked as such, from the draft's row.
struct ActivityPage: Encodable {
    var title: String
    /// nil when empty: Leaf counts an empty string as true.
    var descriptionHTML, organiser, timing, needs, domain, district: String?
    var proposer: String?
    var credited: Bool
    var planTitle, planPath, sectionTitle, sectionPath: String
    var version: Int
    /// Not in the latest version (removed, or not yet published).
    var notInPlan: Bool
    var participation: ActivityParticipationView?
    var thread: ReactionThreadsView

    static func load(_ plan: Plan, req: Request) async throws -> ActivityPage {
        guard let id = req.parameters.get("activity", as: UUID.self) else { throw Abort(.notFound) }
        let slug = Parameter<String>.value(plan.slug)
        let snapshot = try await PlanAccess.latestVersion(of: plan, on: req.db)?.snapshot()
        let published = snapshot?.sections.first { $0.activities.contains { $0.id == id } }
        var fields: PlanSnapshot.Activity
        var section: (id: UUID, title: String)
        if let published, let activity = published.activities.first(where: { $0.id == id }) {
            fields = activity
            section = (published.id, published.title)
        } else {
            // Not in the version shown: the row must still belong to this plan, and only an
            // activity an earlier version published (or a coordinator) shows it — a draft-only
            // activity is not public yet, however its link got out.
            let row = try await PlanAccess.activity(req, of: plan)
            if try await !PlanAccess.isCoordinator(req), try await !Self.wasPublished(id, in: plan, on: req.db) {
                throw Abort(.notFound)
            }
            fields = PlanSnapshot.Activity(
                id: id, title: row.title, description: row.description, organiser: row.organiser, timing: row.timing, needs: row.needs,
                domain: row.domain, district: row.district, suggestionID: row.suggestionID)
            let sectionRow = try await PlanSection.find(row.sectionID, on: req.db)
            section = (row.sectionID, snapshot?.section(row.sectionID)?.title ?? sectionRow?.title ?? "")
        }
        let names = PlanNames.reference(req.application.reference, in: req.language)
        var credit: String?? = nil
        if let suggestionID = fields.suggestionID {
            credit = try await SuggestionCredits.names(for: [suggestionID], on: req.db)[suggestionID]
        }
        let participation = try await ActivityParticipation.load(plan: plan, activityIDs: [id], req: req)
        return ActivityPage(
            title: fields.title, descriptionHTML: fields.description.isEmpty ? nil : PlanMarkdown.html(fields.description, topLevel: 2),
            organiser: PlanPage.text(fields.organiser), timing: PlanPage.text(fields.timing), needs: PlanPage.text(fields.needs),
            domain: fields.domain.map(names.domain),
            district: fields.district.map(names.district), proposer: credit ?? nil, credited: credit != nil,
            planTitle: snapshot?.title ?? plan.title, planPath: PlansPath.plan(slug).path, sectionTitle: section.title,
            sectionPath: PlansPath.section(slug, section: .value(section.id)).path, version: plan.publishedVersion,
            notInPlan: published == nil, participation: participation[id],
            thread: try await ReactionThreads.load(
                plan: plan, sectionID: section.id, activityID: id, page: req.queryInt("pagina") ?? 1, req: req))
    }

    /// Whether a version before the latest held the activity, newest first (the latest was
    /// checked by the caller). Read only for an activity no longer in the plan: a rare page.
    static func wasPublished(_ id: UUID, in plan: Plan, on db: any Database) async throws -> Bool {
        let earlier = try await PlanVersion.query(on: db).filter(\.$planID == plan.requireID())
            .filter(\.$number < plan.publishedVersion).sort(\.$number, .descending).all()
        return try earlier.contains { version in
            try version.snapshot().sections.contains { $0.activities.contains { $0.id == id } }
        }
    }
}
