import Fluent
import Foundation
import KrachtCore
import Vapor

/// A plan as its latest version says it — never the draft — with each section's reactions and
/// each activity's support and sign-ups. Built from one snapshot, one grouped count of
/// reactions, one participation query for all activities and one look-up of credited names:
/// nothing per section or activity (a 50-section plan renders in milliseconds).
struct PlanPage: Encodable {
    struct ActivityView: Encodable {
        var title, path: String
        /// `plans/_activity-card.leaf`, the same for every reader (`PlanFragments`).
        var card: String
        /// "voorgesteld door …": the proposer's name, or nil with `credited` for an erased account.
        var proposer: String?
        var credited: Bool
        var reactions: Int
        var participation: ActivityParticipationView?
    }
    struct SectionView: Encodable {
        /// `link` is `#` and `anchor`, for the table of contents.
        var anchor, link, title, discussionPath, suggestChangePath, suggestActivityPath: String
        /// `plans/_section-head.leaf`: its heading and text, the same for every reader (`PlanFragments`).
        var head: String
        var reactions: Int
        var activities: [ActivityView]
    }

    var title: String
    var summary: String?
    var version: Int
    var publishedOn: String
    var note: String?
    var historyPath, diffPath: String
    var suggestionsPath: String
    var sections: [SectionView] = []
    var top: [TopSupportedView] = []
    var follow: FollowView?
    /// Coordinators: the editor, and whether the draft has changes the public does not see yet.
    var editPath: String?
    var unpublishedChanges = false
    /// A coordinator opening a plan never published: a notice instead of the plan.
    var draftOnly = false

    /// Empty text as nil, for `#if` in a view (Leaf counts an empty string as true).
    static func text(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func anchor(_ sectionID: UUID) -> String { "onderdeel-\(sectionID.uuidString.lowercased())" }

    static func load(_ plan: Plan, req: Request) async throws -> PlanPage {
        let slug = Parameter<String>.value(plan.slug)
        let coordinator = try await PlanAccess.isCoordinator(req)
        var page = PlanPage(
            title: plan.title, summary: nil, version: plan.publishedVersion, publishedOn: "", note: nil,
            historyPath: PlansPath.history(slug).path, diffPath: PlansPath.diff(slug).path,
            suggestionsPath: PlansPath.suggestions(slug).path)
        if coordinator {
            page.editPath = PlansPath.editPlan(slug).path
            page.unpublishedChanges = plan.publishedAt.map { plan.draftChangedAt > $0 } ?? true
        }
        // The version without its snapshot (a large text): the fragments' cache has it decoded.
        guard plan.isPublished,
            let version = try await PlanVersion.query(on: req.db).filter(\.$planID == plan.requireID())
                .filter(\.$number == plan.publishedVersion)
                .field(\.$id).field(\.$planID).field(\.$number).field(\.$publishedAt).field(\.$note).first()
        else {
            page.draftOnly = true
            return page
        }
        let fragments = try await req.application.planFragments.rendered(try version.requireID(), slug: plan.slug, req: req) {
            guard let whole = try await PlanVersion.find(version.id, on: req.db) else { throw Abort(.notFound) }
            return try whole.snapshot()
        }
        let snapshot = fragments.snapshot
        page.title = snapshot.title
        page.summary = PlanPage.text(snapshot.summary)
        page.publishedOn = AmsterdamTime.date(version.publishedAt, in: req.language)
        page.note = PlanPage.text(version.note)
        let planID = try plan.requireID()
        let counts = try await ReactionCounts.load(planID: planID, on: req.db)
        let activities = snapshot.sections.flatMap(\.activities)
        let participation = try await ActivityParticipation.load(
            plan: plan, activityIDs: activities.map(\.id), req: req,
            titles: Dictionary(activities.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first }))
        let credits = try await SuggestionCredits.names(for: activities.compactMap(\.suggestionID), on: req.db)
        page.sections = snapshot.sections.map { section in
            let sectionID = Parameter<UUID>.value(section.id)
            return SectionView(
                anchor: PlanPage.anchor(section.id), link: "#" + PlanPage.anchor(section.id), title: section.title,
                discussionPath: PlansPath.section(slug, section: sectionID).path,
                suggestChangePath: PlansPath.suggest(slug, section: section.id, kind: "section_text").path,
                suggestActivityPath: PlansPath.suggest(slug, section: section.id, kind: "activity").path,
                head: fragments.sections[section.id] ?? "", reactions: counts.forSection(section.id),
                activities: section.activities.map { activity in
                    let credit = activity.suggestionID.flatMap { credits[$0] }
                    return ActivityView(
                        title: activity.title, path: PlansPath.activity(slug, activity: .value(activity.id)).path,
                        card: fragments.activities[activity.id] ?? "", proposer: credit ?? nil, credited: credit != nil,
                        reactions: counts.forActivity(activity.id), participation: participation[activity.id])
                })
        }
        page.top = try await ActivityParticipation.top(plan: plan, snapshot: snapshot, on: req.db)
        page.follow = try await FollowSection.load(plan: plan, req: req)
        return page
    }
}
