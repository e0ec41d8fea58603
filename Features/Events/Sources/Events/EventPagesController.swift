import Fluent
import KrachtCore
import Vapor

/// The agenda, past events and the event page: public, read-only.
struct EventPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(EventsPath.agenda(), use: agenda).cachedForAnonymous()
        anyone.get(EventsPath.past(), use: past)
        anyone.get(EventsPath.event(.key), use: show)
    }

    func agenda(req: Request) async throws -> Response {
        try await req.render("events/agenda", titleKey: "events.agenda.title", try await AgendaPage.agenda(req))
    }

    func past(req: Request) async throws -> Response {
        try await req.render("events/past", titleKey: "events.past.title", try await AgendaPage.past(req))
    }

    func show(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let page = try await EventPage.load(event, req: req)
        return try await req.render("events/event", titleKey: "events.page.title", titleArguments: ["title": event.title], page)
    }
}
