import Fluent
import KrachtCore
import Vapor

/// Check-in at the door: the QR image of a registration's check-in link, the page that link
/// opens (organisers only), the attendee list with check-in by name, and walk-ins.
struct CheckInController: RouteCollection {
    struct WalkInForm: Content {
        var name: String?
        var guests: String?
        var form_id: String?
    }
    struct ByNameForm: Content { var q: String? }

    static let walkInLayout = FormLayout(
        id: "walk-in-form",
        [
            .field("name", id: "walk-in-name", label: "events.attendees.walk_in.name"),
            .field("guests", id: "walk-in-guests", label: "events.attendees.walk_in.guests"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        // Whoever holds the manage token: the registration's own page shows the code.
        routes.access(.anyone).get(EventsPath.registrationQRCode(.key), use: qrCode)
        // Organisers of the event; checked per event below (403 for anyone else).
        let signedIn = routes.access(.signedIn)
        signedIn.get(EventsPath.checkIn(.key), use: show)
        signedIn.post(EventsPath.checkIn(.key), use: checkIn)
        signedIn.get(EventsPath.attendees(.key), use: attendees)
        signedIn.post(EventsPath.checkInByName(.key, registration: .key), use: checkInByName)
        signedIn.post(EventsPath.walkIn(.key), use: walkIn)
    }

    func qrCode(req: Request) async throws -> Response {
        let app = req.application
        guard let token = req.parameters.get("token"), let id = EventTokens.registrationID(from: token, .manage, app: app),
            try await EventRegistration.find(id, on: req.db) != nil
        else { throw Abort(.notFound) }
        let link = EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: id, app: app))).url(on: app)
        let svg = try QRCode(text: link).svg(moduleSize: 6, title: req.t("events.checkin.qr_title"))
        let response = Response(status: .ok, body: .init(string: svg))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return response
    }

    /// The registration and its event of the route's check-in token; nil when the token is forged
    /// or its registration is gone.
    private func scanned(_ req: Request) async throws -> (String, EventRegistration, Event)? {
        guard let token = req.parameters.get("token"),
            let id = EventTokens.registrationID(from: token, .checkIn, app: req.application),
            let registration = try await EventRegistration.find(id, on: req.db),
            let event = try await Event.find(registration.eventID, on: req.db)
        else { return nil }
        return (token, registration, event)
    }

    func show(req: Request) async throws -> Response {
        guard let (token, registration, event) = try await scanned(req) else { return try await notFound(req) }
        _ = try await EventAccess.requireOrganiser(req, of: event)
        return try await req.render(
            "events/check-in", titleKey: "events.checkin.title", CheckInPage(registration, of: event, token: token, req: req))
    }

    func checkIn(req: Request) async throws -> Response {
        guard let (token, registration, event) = try await scanned(req) else { return try await notFound(req) }
        let organiser = try await EventAccess.requireOrganiser(req, of: event)
        let outcome = try await CheckIn(app: req.application).run(try registration.requireID(), of: try event.requireID(), by: organiser)
        guard let key = Self.messageKey(outcome) else { return try await notFound(req) }
        return Flash.redirect(req, to: EventsPath.checkIn(.value(token)), messageKey: key)
    }

    private func notFound(_ req: Request) async throws -> Response {
        try await req.render("events/check-in", titleKey: "events.checkin.not_found_title", CheckInPage.notFound, status: .notFound)
    }

    static func messageKey(_ outcome: CheckIn.Outcome) -> String? {
        switch outcome {
        case .checkedIn: "events.checkin.done"
        case .alreadyCheckedIn: "events.checkin.already_flash"
        case .notConfirmed: "events.checkin.not_confirmed_flash"
        case .eventCancelled: "events.checkin.event_cancelled"
        case .notFound: nil
        }
    }

    func attendees(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        _ = try await EventAccess.requireOrganiser(req, of: event)
        return try await render(req, event, page: try await AttendeesPage.load(event, query: req.queryValue("q"), req: req))
    }

    func checkInByName(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let organiser = try await EventAccess.requireOrganiser(req, of: event)
        guard let id = req.parameters.get("registration", as: UUID.self) else { throw Abort(.notFound) }
        let outcome = try await CheckIn(app: req.application).run(id, of: try event.requireID(), by: organiser)
        guard let key = Self.messageKey(outcome) else { throw Abort(.notFound) }
        // Back to the list as it was searched.
        let query = req.decodeForm(ByNameForm.self)?.q.map { String($0.prefix(AttendeesPage.maxQueryLength)) }
        return Flash.redirect(req, to: EventsPath.attendees(.value(event.slug), query: query), messageKey: key)
    }

    func walkIn(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let organiser = try await EventAccess.requireOrganiser(req, of: event)
        let form = req.decodeForm(WalkInForm.self) ?? WalkInForm()
        let input = WalkIn.Input(name: form.name, guests: form.guests, formID: form.form_id)
        switch try await WalkIn(app: req.application).run(input, at: try event.requireID(), by: organiser, language: req.language) {
        case .added: return Flash.redirect(req, to: EventsPath.attendees(.value(event.slug)), messageKey: "events.attendees.walk_in.added")
        case .alreadyAdded:
            return Flash.redirect(req, to: EventsPath.attendees(.value(event.slug)), messageKey: "events.attendees.walk_in.already")
        case .eventCancelled:
            return Flash.redirect(req, to: EventsPath.attendees(.value(event.slug)), messageKey: "events.checkin.event_cancelled")
        case .tooEarly:
            return Flash.redirect(req, to: EventsPath.attendees(.value(event.slug)), messageKey: "events.attendees.walk_in.too_early")
        case .closed:
            return Flash.redirect(req, to: EventsPath.attendees(.value(event.slug)), messageKey: "events.attendees.walk_in.closed")
        case .invalid(let errors):
            var page = try await AttendeesPage.load(event, query: nil, req: req)
            page.values = ["name": form.name ?? "", "guests": form.guests ?? ""]
            if let id = form.form_id.flatMap(UUID.init(uuidString:)) { page.formID = id.uuidString }
            page.errors = errors.on(Self.walkInLayout, { req.t($0) })
            return try await render(req, event, page: page, status: .badRequest)
        }
    }

    private func render(_ req: Request, _ event: Event, page: AttendeesPage, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render(
            "events/attendees", titleKey: "events.attendees.title", titleArguments: ["title": event.title], page, status: status,
            errors: page.errors, canonicalPath: EventsPath.attendees(.value(event.slug)).path)
    }
}
