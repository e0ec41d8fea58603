import Fluent
import KrachtCore
import Vapor

/// Who may do what with plans: coordinators edit, publish, answer as the movement, moderate and
/// see sign-ups; everyone reads published plans; a draft that was never published is 404 to
/// anyone else. Coordinator routes are `.role(.coordinator)` in the route matrix.
public enum PlanAccess {
    public static func plan(slug: String, on db: any Database) async throws -> Plan? {
        try await Plan.query(on: db).filter(\.$slug == slug).first()
    }

    /// The route's published plan (`slug`), or 404; a coordinator also gets a draft.
    public static func plan(_ req: Request) async throws -> Plan {
        guard let slug = req.parameters.get("slug"), let plan = try await plan(slug: slug, on: req.db) else {
            throw Abort(.notFound)
        }
        if !plan.isPublished, try await !isCoordinator(req) { throw Abort(.notFound) }
        return plan
    }

    public static func isCoordinator(_ req: Request) async throws -> Bool {
        try await req.signedInRoles().allow(.coordinator)
    }

    /// The latest published version of `plan`, or nil for a draft never published.
    public static func latestVersion(of plan: Plan, on db: any Database) async throws -> PlanVersion? {
        guard plan.isPublished else { return nil }
        return try await PlanVersion.query(on: db).filter(\.$planID == plan.requireID())
            .filter(\.$number == plan.publishedVersion).first()
    }

    /// The route's `section` of `plan` in the draft (removed ones too), or 404.
    public static func section(_ req: Request, of plan: Plan) async throws -> PlanSection {
        guard let id = req.parameters.get("section", as: UUID.self), let section = try await PlanSection.find(id, on: req.db),
            section.planID == plan.id
        else { throw Abort(.notFound) }
        return section
    }

    /// The route's `activity` of `plan` in the draft (removed ones too), or 404.
    public static func activity(_ req: Request, of plan: Plan) async throws -> PlanActivity {
        guard let id = req.parameters.get("activity", as: UUID.self), let activity = try await PlanActivity.find(id, on: req.db),
            activity.planID == plan.id
        else { throw Abort(.notFound) }
        return activity
    }
}
