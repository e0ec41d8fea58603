import KrachtCore
import Vapor

/// An event's `.ics`, the public feeds (every event, a district's) and a person's private feed
/// behind its token; resetting that token.
struct CalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(EventsPath.eventCalendar(.key), use: event)
        open.get(EventsPath.feed, use: feed)
        open.get(EventsPath.districtFeed(.key), use: districtFeed)
        open.get(EventsPath.personalFeed(.key), use: personalFeed)
        routes.access(.signedIn).post(EventsPath.resetFeed, use: resetFeed)
    }

    /// What the public feeds may be cached for; the same for everyone.
    static let publicCache = "public, max-age=300"

    func event(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let body = calendar(req, name: event.title).render([event])
        return Self.respond(body, filename: event.slug + ".ics", cache: Self.publicCache)
    }

    func feed(req: Request) async throws -> Response {
        let events = try await CalendarFeeds.all(now: req.now, on: req.db)
        return Self.respond(calendar(req, name: req.t("events.feed.name.all")).render(events), cache: Self.publicCache)
    }

    func districtFeed(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("district"), let district = req.application.reference.district(slug: slug) else {
            throw Abort(.notFound)
        }
        let events = try await CalendarFeeds.district(district.slug, now: req.now, on: req.db)
        let name = req.t("events.feed.name.district", ["district": district.name])
        return Self.respond(calendar(req, name: name).render(events), cache: Self.publicCache)
    }

    func personalFeed(req: Request) async throws -> Response {
        guard let token = req.parameters.get("token"),
            let userID = try await PersonalFeed.user(from: token, app: req.application, on: req.db)
        else { throw Abort(.notFound) }
        let events = try await CalendarFeeds.personal(userID, now: req.now, on: req.db)
        return Self.respond(calendar(req, name: req.t("events.feed.name.personal")).render(events), cache: "private, max-age=300")
    }

    func resetFeed(req: Request) async throws -> Response {
        let user = try req.requireUser()
        switch try await PersonalFeed.reset(for: try user.requireID(), app: req.application) {
        case .reset: return Flash.redirect(req, to: EventsPath.mine, messageKey: "events.feed.reset_done")
        }
    }

    private func calendar(_ req: Request, name: String) -> ICalendar {
        ICalendar(name: name, baseURL: req.application.config.baseURL, now: req.now)
    }

    static func respond(_ body: String, filename: String? = nil, cache: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: cache)
        if let filename {
            let safe = String(filename.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }.prefix(120))
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe)\"")
        }
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
