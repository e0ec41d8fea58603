import Fluent
import KrachtCore
import Vapor

/// The plan list, a plan's latest version and an activity's page: public, read-only.
struct PlanPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(PlansPath.list, use: list).cachedForAnonymous()
        anyone.get(PlansPath.plan(.key), use: show)
        anyone.get(PlansPath.activity(.key, activity: .key), use: activity)
    }

    func list(req: Request) async throws -> Response {
        try await req.render("plans/list", titleKey: "plans.list.title", try await PlanListPage.load(req))
    }

    func show(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let page = try await PlanPage.load(plan, req: req)
        return try await req.render("plans/plan", titleKey: "plans.plan.title", titleArguments: ["title": page.title], page)
    }

    func activity(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let page = try await ActivityPage.load(plan, req: req)
        return try await req.render("plans/activity", titleKey: "plans.activity.title", titleArguments: ["title": page.title], page)
    }
}

/// The published plans, newest version first: what each is about and how alive it is.
struct PlanListPage: Encodable {
    struct Row: Encodable {
        var title: String
        var summary: String?
        var path, publishedOn: String
        var version, reactions, supports: Int
    }
    var rows: [Row]
    var managePath: String?
    /// Signed in: what I did on plans.
    var minePath: String?
    var moderationPath = PlansPath.moderation.path
    var houseRulesPath = PlansPath.houseRules.path

    static func load(_ req: Request) async throws -> PlanListPage {
        let plans = try await Plan.query(on: req.db).filter(\.$publishedVersion > 0).sort(\.$publishedAt, .descending).limit(200).all()
        return PlanListPage(
            rows: plans.map {
                Row(
                    title: $0.title, summary: PlanPage.text($0.summary), path: PlansPath.plan(.value($0.slug)).path,
                    publishedOn: AmsterdamTime.date($0.publishedAt, in: req.language), version: $0.publishedVersion,
                    reactions: $0.reactionCount, supports: $0.supportCount)
            },
            managePath: try await PlanAccess.isCoordinator(req) ? PlansPath.manage.path : nil,
            minePath: req.auth.has(User.self) ? PlansPath.mine.path : nil)
    }
}
