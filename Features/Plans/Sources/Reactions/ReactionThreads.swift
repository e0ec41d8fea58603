import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A section's or an activity's reactions, threaded, with the forms: the context of the partial
/// `plans/_thread.leaf` (embedded by the section page and the activity page). It carries its own
/// form token, as a partial with a context of its own cannot see the layout's.
struct ReactionThreadsView: Encodable {
    struct Item: Encodable {
        var id: String
        var anchor: String
        var author: String
        var asMovement: Bool
        var when: String
        /// visible, held, removed or withdrawn: held and removed show a note instead of the text.
        var status: String
        var body: String
        /// Written on an older version than the latest: its number and page.
        var oldVersion: Int?
        var oldVersionPath: String?
        var reportPath: String?
        var withdrawPath: String?
        var canReply: Bool
        /// A report link or a withdraw button to show.
        var hasTools: Bool
        var replies: [Item]
        /// Earlier answers not shown here (only the latest `repliesShown` are), and the view of this
        /// reaction with all its answers.
        var moreReplies: Int
        var threadPath: String?
    }

    var csrf: String
    /// Visible reactions in this thread, answers included (as the plan page counts them).
    var total: Int
    var items: [Item]
    var signedIn: Bool
    /// False where no new reactions are taken (a section no longer in the latest version).
    var open = true
    /// False where the page shows a refused reaction's form instead (one form, not two).
    var formShown = true
    var loginPath: String
    var reactPath: String
    var sectionID: String
    var activityID: String?
    /// This page, to come back to after reacting.
    var returnPath: String
    var asMovementAllowed: Bool
    var bodyMax: Int
    var rulesPath: String
    var previousPath: String?
    var nextPath: String?
    var paged: Bool
    /// Set on the view of one reaction (`?reactie=`): the way back to the whole thread.
    var allPath: String?
}

enum ReactionThreads {
    private struct ReplyCount: Decodable {
        let parent_id: UUID
        let n: Int
    }

    /// The number of answers to each of `parents` (those without any are left out).
    private static func replyCounts(of parents: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !parents.isEmpty else { return [:] }
        let rows = try await db.sql.select().column("parent_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(PlanReaction.schema).where("parent_id", .in, parents).groupBy("parent_id").all(decoding: ReplyCount.self)
        return Dictionary(rows.map { ($0.parent_id, $0.n) }, uniquingKeysWith: +)
    }

    /// Page `page` (from 1) of the top-level reactions, oldest first, each with its replies; the
    /// writers' names in one query.
    static func load(plan: Plan, sectionID: UUID, activityID: UUID?, page: Int, req: Request) async throws -> ReactionThreadsView {
        let planID = try plan.requireID()
        let page = max(1, min(page, 10_000))
        let user = req.auth.get(User.self)
        let topQuery = PlanReaction.query(on: req.db).filter(\.$planID == planID).filter(\.$sectionID == sectionID)
            .filter(\.$activityID == activityID).filter(\.$parentID == nil)
        // `?reactie=<id>`: that reaction alone, with all its answers.
        let focus = req.method == .GET ? req.queryValue("reactie").flatMap(UUID.init(uuidString:)) : nil
        var focused: PlanReaction?
        if let focus { focused = try await topQuery.copy().filter(\.$id == focus).first() }
        let topCount = try await topQuery.copy().count()
        let total = try await PlanReaction.query(on: req.db).filter(\.$planID == planID).filter(\.$sectionID == sectionID)
            .filter(\.$activityID == activityID).filter(\.$status == .visible).count()
        let window = ((page - 1) * PlanReaction.pageSize)..<(page * PlanReaction.pageSize)
        var top = focused.map { [$0] } ?? []
        if focused == nil { top = try await topQuery.sort(\.$createdAt).sort(\.$id).range(window).all() }
        // The latest answers of each reaction: one count of all, one query for the short threads,
        // and one more for each long one (rare), so no thread costs more than its shown answers.
        let shown = focused == nil ? PlanReaction.repliesShown : PlanReaction.repliesMax
        let counts = try await replyCounts(of: top.compactMap(\.id), on: req.db)
        let short = counts.filter { $0.value <= shown }.map(\.key)
        var replies =
            short.isEmpty
            ? [] : try await PlanReaction.query(on: req.db).filter(\.$parentID ~~ short).sort(\.$createdAt).sort(\.$id).all()
        var more: [UUID: Int] = [:]
        for (id, count) in counts where count > shown {
            let latest = try await PlanReaction.query(on: req.db).filter(\.$parentID == id).sort(\.$createdAt, .descending)
                .sort(\.$id, .descending).limit(shown).all()
            more[id] = count - shown
            replies += latest.reversed()
        }
        let userIDs = Set((top + replies).compactMap(\.userID))
        let names =
            userIDs.isEmpty
            ? [:]
            : Dictionary(
                try await User.query(on: req.db).filter(\.$id ~~ Array(userIDs)).all().map { ($0.id!, $0.name) },
                uniquingKeysWith: { a, _ in a })
        let repliesByParent = Dictionary(grouping: replies, by: { $0.parentID! })
        // After a refused post this renders on the post's path: the thread's own page instead.
        let here = req.method == .GET ? req.url.path : ReactionPlace.path(plan: plan, sectionID: sectionID, activityID: activityID)
        let isCoordinator = try await PlanAccess.isCoordinator(req)

        let deleted = req.t("plans.reactions.deleted_account")
        func item(_ reaction: PlanReaction, isTop: Bool) -> ReactionThreadsView.Item {
            let id = reaction.id!
            let shown = reaction.status == .visible
            let old = reaction.versionNumber < plan.publishedVersion ? reaction.versionNumber : nil
            let mine = user?.id != nil && reaction.userID == user?.id && (shown || reaction.status == .held)
            return .init(
                id: id.uuidString, anchor: "reactie-\(id.uuidString)",
                author: reaction.userID.map { names[$0] ?? deleted } ?? deleted,
                asMovement: reaction.asMovement, when: AmsterdamTime.format(reaction.createdAt, "d MMMM yyyy, HH:mm", in: req.language),
                status: reaction.status.rawValue, body: shown ? reaction.body : "",
                oldVersion: old, oldVersionPath: old.map { PlansPath.version(.value(plan.slug), number: .value($0)).path },
                reportPath: shown ? PlansPath.reportReaction(.value(id)).path : nil,
                withdrawPath: mine ? PlansPath.withdrawReaction(.value(id)).path : nil,
                canReply: isTop && user != nil && shown, hasTools: shown || mine,
                replies: isTop ? (repliesByParent[id] ?? []).map { item($0, isTop: false) } : [],
                moreReplies: more[id] ?? 0, threadPath: more[id] == nil ? nil : here + "?reactie=\(id.uuidString)#reactie-\(id.uuidString)")
        }

        let pages = (topCount + PlanReaction.pageSize - 1) / PlanReaction.pageSize
        let pagePath = { (n: Int) in n > 1 ? here + "?pagina=\(n)" : here }
        return ReactionThreadsView(
            csrf: req.csrfToken, total: total, items: top.map { item($0, isTop: true) }, signedIn: user != nil,
            loginPath: CorePath.logIn(returnTo: pagePath(page)).path, reactPath: PlansPath.react(.value(plan.slug)).path,
            sectionID: sectionID.uuidString, activityID: activityID?.uuidString, returnPath: pagePath(page),
            asMovementAllowed: isCoordinator, bodyMax: PlanReaction.bodyMax, rulesPath: PlansPath.houseRules.path,
            previousPath: page > 1 ? pagePath(page - 1) : nil, nextPath: page < pages ? pagePath(page + 1) : nil,
            paged: focused == nil && pages > 1, allPath: focused == nil ? nil : here + "#reacties")
    }
}
