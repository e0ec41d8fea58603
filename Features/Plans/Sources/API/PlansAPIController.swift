import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/api/v1/plans`: published plans, each plan's latest version and any earlier one, as open
/// data. A draft is as unknown as a slug that does not exist: 404 with a JSON reason.
struct PlansAPIController: RouteCollection {
    /// Plans are few: one page holds up to the open data's largest page (`APIPage`).
    static let perPage = APIPage.maxPerPage

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(PlansPath.api, use: list)
        anyone.get(PlansPath.apiPlan(.key), use: latest)
        anyone.get(PlansPath.apiVersion(.key, number: .key), use: version)
    }

    func list(req: Request) async throws -> Response {
        let paging = try APIPage(req, defaultPerPage: Self.perPage)
        let published = Plan.query(on: req.db).filter(\.$publishedVersion > 0)
        let total = try await published.count()
        let plans = try await published.copy().sort(\.$publishedAt, .descending).sort(\.$slug).range(paging.range).all()
        let response = try await Self.respond(
            PlanJSON.List(total: total, plans: plans.map { PlanJSON.summary($0, app: req.application) }), for: req)
        paging.describe(total: total, in: response, for: req)
        return response
    }

    func latest(req: Request) async throws -> Response {
        guard let plan = try await publishedPlan(req), let version = try await PlanAccess.latestVersion(of: plan, on: req.db) else {
            throw Self.notFound
        }
        return try await Self.respond(try await PlanJSON.document(plan, version: version, app: req.application, on: req.db), for: req)
    }

    func version(req: Request) async throws -> Response {
        guard let plan = try await publishedPlan(req), let number = req.parameters.get("number", as: Int.self),
            (1...plan.publishedVersion).contains(number),
            let version = try await PlanVersion.query(on: req.db).filter(\.$planID == plan.requireID()).filter(\.$number == number).first()
        else { throw Self.notFound }
        return try await Self.respond(try await PlanJSON.document(plan, version: version, app: req.application, on: req.db), for: req)
    }

    /// The route's plan when it was ever published (a draft is never open data, also not for coordinators).
    private func publishedPlan(_ req: Request) async throws -> Plan? {
        guard let slug = req.parameters.get("slug"), slug.count <= 200,
            let plan = try await PlanAccess.plan(slug: slug, on: req.db), plan.isPublished
        else { return nil }
        return plan
    }

    private static let notFound = APIProblem(.notFound, reason: "no published plan or version has this address")

    /// Open data: the same for everyone, briefly cacheable (as `/api/v1/events`; `OpenDataMiddleware`
    /// opens it to any site).
    static func respond(_ body: some Content, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }
}
