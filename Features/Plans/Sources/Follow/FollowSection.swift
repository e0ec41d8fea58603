import Fluent
import Foundation
import KrachtCore
import Vapor

/// Following a plan, for the plan page: the partial `plans/_follow.leaf` shows the number of
/// followers and a button to follow or stop (signed out: a link to log in and come back).
struct FollowView: Encodable {
    /// False for a draft never published: nothing to follow yet.
    var open: Bool
    var count: String
    var signedIn: Bool
    var following: Bool
    var action: String
    var logIn: String
    /// My plans page, where the digest is switched off and on.
    var mine: String
    var csrf: String
}

enum FollowSection {
    static func load(plan: Plan, req: Request) async throws -> FollowView {
        let slug = Parameter<String>.value(plan.slug)
        let user = req.auth.get(User.self)
        var following = false
        if let userID = user?.id, let planID = plan.id {
            following = try await PlanFollow.query(on: req.db).filter(\.$planID == planID).filter(\.$userID == userID).first() != nil
        }
        return FollowView(
            open: plan.isPublished, count: req.t("plans.follow.count", count: plan.followerCount), signedIn: user != nil,
            following: following, action: (following ? PlansPath.unfollow(slug) : PlansPath.follow(slug)).path,
            logIn: CorePath.logIn(returnTo: PlansPath.plan(slug).path).path, mine: PlansPath.mine.path, csrf: req.csrfToken)
    }
}
