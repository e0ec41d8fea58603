import KrachtCore
import Vapor

/// A plan's history, an old version and the diff between two versions: public, read-only, and
/// only of published plans (a plan never published has no versions to show).
struct PlanHistoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(PlansPath.history(.key), use: history)
        anyone.get(PlansPath.version(.key, number: .key), use: version)
        anyone.get(PlansPath.diff(.key), use: diff)
    }

    func history(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let page = try await HistoryPage.load(plan, req: req)
        return try await req.render("plans/history", titleKey: "plans.history.title", titleArguments: ["title": plan.title], page)
    }

    func version(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        guard let number = req.parameters.get("number", as: Int.self), let version = try await HistoryPage.version(plan, number, on: req.db)
        else { throw Abort(.notFound) }
        let page = try VersionPage.load(plan, version, req: req)
        return try await req.render(
            "plans/version", titleKey: "plans.version.title", titleArguments: ["title": plan.title, "number": String(number)], page)
    }

    func diff(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let page = try await DiffPage.load(plan, from: req.query[String.self, at: "van"], to: req.query[String.self, at: "tot"], req: req)
        return try await req.render(
            "plans/diff", titleKey: "plans.diff.title", titleArguments: ["title": plan.title], page,
            status: page.badInput ? .badRequest : .ok)
    }
}
