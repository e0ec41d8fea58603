import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/api/v1/events`: upcoming events (cancelled ones too, marked so) as open data, 50 a page;
/// a bad parameter is a 400 with a JSON reason.
struct EventsAPIController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(EventsPath.api(), use: list)
        anyone.get(EventsPath.apiEvent(.key), use: one)
    }

    func list(req: Request) async throws -> Response {
        // page and per_page: the open data's shared paging (a bad one is a 400 naming it).
        let paging = try APIPage(req, defaultPerPage: Self.perPage)
        let now = req.now
        let upcoming = Event.query(on: req.db)
            .filter(\.$startsAt > now.addingTimeInterval(-Event.longestEvent)).filter(\.$endsAt > now)
        let total = try await upcoming.count()
        let events = try await upcoming.copy().sort(\.$startsAt).sort(\.$slug).range(paging.range).all()
        let body = EventJSON.List(
            page: paging.page, per_page: paging.perPage, total: total,
            events: try await EventJSON.make(events, app: req.application, on: req.db))
        let response = try await Self.respond(body, for: req)
        paging.describe(total: total, in: response, for: req)
        return response
    }

    func one(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        return try await Self.respond(try await EventJSON.make([event], app: req.application, on: req.db)[0], for: req)
    }

    /// Open data: the same for everyone, briefly cacheable (`OpenDataMiddleware` opens it to any site).
    static func respond(_ body: some Content, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }
}
