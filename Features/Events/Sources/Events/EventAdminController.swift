import Fluent
import KrachtCore
import Vapor

/// Creating, editing (moving) and cancelling an event. Signed in; who may run THIS event is
/// checked here and again in the commands (`EventAccess`): 403 for anyone else. A cancelled event
/// is not edited any more; cancelling asks first (a page that says who gets a mail).
struct EventAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(EventsPath.new, use: newForm)
        signedIn.post(EventsPath.new, use: create)
        signedIn.get(EventsPath.edit(.key), use: editForm)
        signedIn.post(EventsPath.edit(.key), use: update)
        signedIn.get(EventsPath.cancelEvent(.key), use: cancelForm)
        signedIn.post(EventsPath.cancelEvent(.key), use: cancel)
    }

    func newForm(req: Request) async throws -> Response {
        guard try await EventAccess.canCreate(try req.requireUser(), on: req.db) else { throw Abort(.forbidden) }
        var input = EventInput()
        input.values = ["kind": Event.Kind.meetup.rawValue, "start": "19:30", "end": "21:30", "capacity": "30"]
        let runs = try await EventAccess.initiativesRunBy(try req.requireUser(), on: req.db)
        if runs.count == 1 { input.values["initiative"] = runs[0].id?.uuidString }
        return try await EventFormPage.render(req, input: input, editing: nil)
    }

    func editForm(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        _ = try await EventAccess.requireOrganiser(req, of: event)
        if event.isCancelled { return Self.cancelledNotEdited(req, slug: event.slug) }
        return try await EventFormPage.render(req, input: EventInput(event, language: req.language), editing: event)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard try await EventAccess.canCreate(user, on: req.db) else { throw Abort(.forbidden) }
        return try await save(req, event: nil, by: user)
    }

    func update(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let user = try await EventAccess.requireOrganiser(req, of: event)
        // Said before the form is checked: no field errors on a form that cannot be saved anyway.
        if event.isCancelled { return Self.cancelledNotEdited(req, slug: event.slug) }
        return try await save(req, event: event, by: user)
    }

    private func save(_ req: Request, event: Event?, by user: User) async throws -> Response {
        guard let fields = req.formFields() else { throw Abort(.badRequest) }
        let input = EventInput(fields)
        switch try await SaveEvent(app: req.application).run(input, event: event?.id, by: user, language: req.language) {
        case .saved(let slug):
            return Flash.redirect(
                req, to: EventsPath.event(.value(slug)), messageKey: event == nil ? "events.form.created" : "events.form.saved")
        case .invalid(let errors): return try await EventFormPage.render(req, input: input, editing: event, errors: errors)
        case .rateLimited:
            let errors = FormErrors(summary: req.t("events.form.error.rate_limited"))
            return try await EventFormPage.render(req, input: input, editing: event, errors: errors)
        case .eventCancelled(let slug): return Self.cancelledNotEdited(req, slug: slug)
        case .notAllowed: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    static func cancelledNotEdited(_ req: Request, slug: String) -> Response {
        Flash.redirect(req, to: EventsPath.event(.value(slug)), messageKey: "events.form.error.cancelled")
    }

    func cancelForm(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        _ = try await EventAccess.requireOrganiser(req, of: event)
        if event.isCancelled {
            return Flash.redirect(req, to: EventsPath.event(.value(event.slug)), messageKey: "events.admin.already_cancelled")
        }
        return try await req.render(
            "events/cancel-event", titleKey: "events.admin.cancel.title", titleArguments: ["title": event.title],
            try await CancelEventPage.load(event, req: req))
    }

    func cancel(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let user = try await EventAccess.requireOrganiser(req, of: event)
        switch try await CancelEvent(app: req.application).run(event: try event.requireID(), by: user) {
        case .cancelled(let slug): return Flash.redirect(req, to: EventsPath.event(.value(slug)), messageKey: "events.admin.cancelled")
        case .alreadyCancelled(let slug):
            return Flash.redirect(req, to: EventsPath.event(.value(slug)), messageKey: "events.admin.already_cancelled")
        case .notAllowed: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }
}
