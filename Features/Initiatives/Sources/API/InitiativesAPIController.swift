import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/api/v1/initiatives`: public initiatives as open data, paginated and filtered; a bad
/// parameter is a 400 with a JSON reason, never a guess.
struct InitiativesAPIController: RouteCollection {
    static let defaultPerPage = 20

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(InitiativesPath.api(), use: list)
        anyone.get(InitiativesPath.apiInitiative(.key), use: one)
    }

    func list(req: Request) async throws -> Response {
        var fields = FormFields()
        if let query = req.url.query {
            guard let parsed = FormFields.parse(query.utf8) else { throw APIProblem(reason: "the query string could not be read") }
            fields = parsed
        }
        // page and per_page: the open data's shared paging (a bad one is a 400 naming it).
        let paging = try APIPage(req, defaultPerPage: Self.defaultPerPage)
        let (page, perPage) = (paging.page, paging.perPage)
        var query = Initiative.query(on: req.db).filter(\.$status ~~ [.approved, .archived])
        // An unknown domain or district is a filter nothing matches (an empty page), not an error:
        // the list of slugs is reference data that grows.
        if let domain = fields["domain"], !domain.isEmpty {
            let ids = try await InitiativeDomain.query(on: req.db).filter(\.$domain == domain).all().map(\.initiativeID)
            query = query.filter(\.$id ~~ ids)
        }
        if let district = fields["district"], !district.isEmpty {
            query = query.filter(\.$district == district)
        }
        if let flag = fields["under_flag"] {
            switch flag {
            case "true", "1": query = query.filter(\.$underFlag == true)
            case "false", "0": query = query.filter(\.$underFlag == false)
            default: throw APIProblem(parameter: "under_flag", reason: "under_flag must be true or false")
            }
        }
        let total = try await query.count()
        let initiatives = try await query.sort(\.$name).sort(\.$slug).range(paging.range).all()
        let body = InitiativeJSON.List(
            page: page, per_page: perPage, total: total,
            initiatives: try await InitiativeJSON.make(initiatives, app: req.application, on: req.db))
        let response = try await Self.respond(body, for: req)
        paging.describe(total: total, in: response, for: req)
        return response
    }

    func one(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"), let initiative = try await InitiativeAccess.initiative(slug: slug, on: req.db),
            initiative.isPublic
        else { throw Abort(.notFound) }
        let json = try await InitiativeJSON.make([initiative], app: req.application, on: req.db)
        return try await Self.respond(json[0], for: req)
    }

    /// Open data: the same for everyone, briefly cacheable (`OpenDataMiddleware` opens it to any site).
    static func respond(_ body: some Content, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }
}
