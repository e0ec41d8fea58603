import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

// How the plan and activity pages use this:
// - `let views = try await ActivityParticipation.load(plan: plan, activityIDs: ids, req: req)` once
//   per page; put `views[id]` on each activity's row of the page context (a dictionary keyed by
//   UUID encodes as an array in Leaf) and show it with `#extend("plans/_activity-actions", row.participation)`.
//   Counts and titles come from the activity rows (one query); pass `titles:` with the shown
//   version's titles (they name the buttons for screen readers) and `counts:` to override.
// - `try await ActivityParticipation.top(plan: plan, snapshot: snapshot, on: req.db)` gives the
//   most supported activities; the partial reads `top`, so extend it with a context that has a
//   `top` field: `#extend("plans/_top-supported", page)` where `page.top` is that array.

/// An activity's support and sign-up state for the viewer: the context of `plans/_activity-actions.leaf`.
struct ActivityParticipationView: Encodable {
    /// For screen readers: which activity a button is for, on a page with many.
    var activityTitle: String
    var supportCount: Int
    var signupCount: Int
    var signedIn: Bool
    var supported: Bool
    /// "help" or "organise" when the viewer signed up.
    var myRole: String?
    var supportAction: String
    var withdrawSupportAction: String
    var signUpLink: String
    var withdrawSignupAction: String
    /// Signed out: log in and come back to this page.
    var logInLink: String
    /// The page the forms return to after posting.
    var returnTo: String
    var csrf: String
    /// Coordinators only: who signed up.
    var signupsLink: String?
}

/// One of the most supported activities: `plans/_top-supported.leaf` lists them (`top`).
struct TopSupportedView: Encodable {
    var title: String
    var supportCount: Int
    var link: String
}

enum ActivityParticipation {
    static let topCount = 5

    private struct CountsRow: Decodable {
        let id: UUID
        let title: String
        let support_count: Int
        let signup_count: Int
    }

    static func load(
        plan: Plan, activityIDs: [UUID], req: Request, titles: [UUID: String] = [:],
        counts: [UUID: (support: Int, signups: Int)]? = nil
    ) async throws -> [UUID: ActivityParticipationView] {
        guard !activityIDs.isEmpty else { return [:] }
        var rowCounts: [UUID: (support: Int, signups: Int)] = [:]
        var titles = titles
        // Four columns in plain SQL: decoding 150 whole models costs more than the rest of the page.
        let wanted = Set(activityIDs)
        for row in try await req.db.sql.select().columns("id", "title", "support_count", "signup_count")
            .from(PlanActivity.schema).where("plan_id", .equal, plan.requireID()).all(decoding: CountsRow.self)
        where wanted.contains(row.id) {
            rowCounts[row.id] = (row.support_count, row.signup_count)
            if titles[row.id] == nil { titles[row.id] = row.title }
        }
        let counts = counts ?? rowCounts
        let user = req.auth.get(User.self)
        var supported: Set<UUID> = []
        var roles: [UUID: PlanSignup.Role] = [:]
        if let userID = user?.id {
            supported = Set(
                try await PlanSupport.query(on: req.db).filter(\.$userID == userID).filter(\.$activityID ~~ activityIDs).all()
                    .map(\.activityID))
            for signup in try await PlanSignup.query(on: req.db).filter(\.$userID == userID).filter(\.$activityID ~~ activityIDs).all() {
                roles[signup.activityID] = signup.role
            }
        }
        let coordinator = try await PlanAccess.isCoordinator(req)
        let slug = Parameter<String>.value(plan.slug)
        let here = req.url.path
        let logIn = CorePath.logIn(returnTo: here).path
        var views: [UUID: ActivityParticipationView] = [:]
        for id in activityIDs {
            let activity = Parameter<UUID>.value(id)
            views[id] = ActivityParticipationView(
                activityTitle: titles[id] ?? "", supportCount: counts[id]?.support ?? 0, signupCount: counts[id]?.signups ?? 0,
                signedIn: user != nil,
                supported: supported.contains(id), myRole: roles[id]?.rawValue,
                supportAction: PlansPath.support(slug, activity: activity).path,
                withdrawSupportAction: PlansPath.withdrawSupport(slug, activity: activity).path,
                signUpLink: PlansPath.signUp(slug, activity: activity).path,
                withdrawSignupAction: PlansPath.withdrawSignup(slug, activity: activity).path,
                logInLink: logIn, returnTo: here, csrf: req.csrfToken,
                signupsLink: coordinator ? PlansPath.signups(slug, activity: activity).path : nil)
        }
        return views
    }

    /// The most supported activities of the version shown, most first, ties by title; none without support.
    static func top(plan: Plan, snapshot: PlanSnapshot, on db: any Database) async throws -> [TopSupportedView] {
        let published = Dictionary(
            snapshot.sections.flatMap(\.activities).map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        guard !published.isEmpty else { return [] }
        let rows = try await db.sql.select().columns("id", "title", "support_count", "signup_count").from(PlanActivity.schema)
            .where("plan_id", .equal, plan.requireID()).where("support_count", .greaterThan, 0).all(decoding: CountsRow.self)
        return rows.compactMap { row -> TopSupportedView? in
            guard let title = published[row.id] else { return nil }
            return TopSupportedView(
                title: title, supportCount: row.support_count,
                link: PlansPath.activity(.value(plan.slug), activity: .value(row.id)).path)
        }
        .sorted { ($1.supportCount, $0.title) < ($0.supportCount, $1.title) }
        .prefix(topCount).map { $0 }
    }
}
