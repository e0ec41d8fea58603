import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/api/v1/events`: upcoming events (cancelled ones too, marked so) as open data, 50 a page;
/// a bad parameter is a 400 with a JSON reason.
struct EventsAPIController: RouteCollection {
    static let perPage = 50
    static let maxPage = 1_000

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(EventsPath.api(), use: list)
        anyone.get(EventsPath.apiEvent(.key), use: one)
    }

    func list(req: Request) async throws -> Response {
        var page = 1
        if let query = req.url.query {
            guard let fields = FormFields.parse(query.utf8) else { return try await problem(req, "the query string could not be read") }
            if let raw = fields["page"] {
                guard let n = Int(raw), (1...Self.maxPage).contains(n) else {
                    return try await problem(req, "page must be a whole number from 1 to \(Self.maxPage)")
                }
                page = n
            }
        }
        let now = req.now
        let upcoming = Event.query(on: req.db)
            .filter(\.$startsAt > now.addingTimeInterval(-Event.longestEvent)).filter(\.$endsAt > now)
        let total = try await upcoming.count()
        let offset = (page - 1) * Self.perPage
        let events = try await upcoming.copy().sort(\.$startsAt).sort(\.$slug).range(offset..<(offset + Self.perPage)).all()
        let body = EventJSON.List(
            page: page, per_page: Self.perPage, total: total, events: try await EventJSON.make(events, app: req.application, on: req.db))
        return try await Self.respond(body, for: req)
    }

    func one(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        return try await Self.respond(try await EventJSON.make([event], app: req.application, on: req.db)[0], for: req)
    }

    private func problem(_ req: Request, _ reason: String) async throws -> Response {
        let response = try await EventJSON.Problem(error: true, status: 400, reason: reason).encodeResponse(status: .badRequest, for: req)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return response
    }

    /// Open data: the same for everyone, from any site, briefly cacheable.
    static func respond(_ body: some Content, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }
}
