import Fluent
import KrachtCore
import Vapor

/// Registering, a registration's page, confirming, cancelling; my events (`MyEventsController`).
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.post(EventsPath.register(.key), use: register)
        open.get(EventsPath.registration(.key), use: show)
        open.get(EventsPath.confirmRegistration(.key), use: confirmPage)
        open.post(EventsPath.confirmRegistration(.key), use: confirm)
        open.get(EventsPath.cancelRegistration(.key), use: cancelPage)
        open.post(EventsPath.cancelRegistration(.key), use: cancel)
        try MyEventsController().boot(routes: routes)
    }

    struct RegisterPage: Encodable {
        var eventTitle: String
        var eventLink: String
        /// With the errors; a signed-in person registered already sees the link to their registration in it.
        var section: RegistrationSection
    }

    func register(req: Request) async throws -> Response {
        let event = try await EventAccess.event(req)
        let form = req.decodeForm(RegistrationForm.self) ?? RegistrationForm()
        let user = req.auth.get(User.self)
        let outcome = try await RegisterForEvent(app: req.application)
            .run(form, eventID: try event.requireID(), user: user, language: req.language, ip: req.rateLimitKey)
        let layout = RegistrationForm.layout
        func refuse(_ errors: FormErrors, status: HTTPStatus = .badRequest) async throws -> Response {
            let section = try await RegistrationSection.load(for: event, viewer: user, req: req, values: form.values, errors: errors)
            let page = RegisterPage(
                eventTitle: event.title, eventLink: EventsPath.event(.value(event.slug)).path, section: section)
            return try await req.render(
                "events/register", titleKey: "events.register.title", titleArguments: ["title": event.title], page, status: status,
                errors: errors, canonicalPath: page.eventLink)
        }
        switch outcome {
        case .confirmed(let registration):
            return Flash.redirect(req, to: try page(registration, req), messageKey: "events.register.flash.confirmed")
        case .pending, .alreadyMailed(waitlist: false):
            return Flash.redirect(req, to: EventsPath.event(.value(event.slug)), messageKey: "events.register.flash.check_mail")
        case .awaitingPayment(let registration, let locked):
            return try await TicketCheckout.start(registration, of: locked, req: req)
        case .waitlisted(let registration):
            if user != nil { return Flash.redirect(req, to: try page(registration, req), messageKey: "events.register.flash.waitlisted") }
            return Flash.redirect(req, to: EventsPath.event(.value(event.slug)), messageKey: "events.register.flash.waitlisted_mail")
        case .alreadyMailed(waitlist: true):
            return Flash.redirect(req, to: EventsPath.event(.value(event.slug)), messageKey: "events.register.flash.waitlisted_mail")
        case .alreadyRegistered(let id):
            // Only to the account's owner or a confirmed owner of the address.
            let key = id == nil ? "events.register.error.already_mail" : "events.register.error.already"
            return try await refuse(FormErrors(summary: req.t(key), form: layout.id))
        case .closed(let date):
            let summary = req.t("events.register.error.closed", ["date": EventWords.when(date, in: req.language)])
            return try await refuse(FormErrors(summary: summary, form: layout.id))
        case .cancelled: return try await refuse(FormErrors(summary: req.t("events.register.error.cancelled"), form: layout.id))
        case .over: return try await refuse(FormErrors(summary: req.t("events.register.error.over"), form: layout.id))
        case .invalid(let errors): return try await refuse(errors.on(layout) { req.t($0) })
        case .rateLimited:
            return try await refuse(FormErrors(summary: req.t("events.register.error.too_many"), form: layout.id), status: .tooManyRequests)
        }
    }

    private func page(_ registration: EventRegistration, _ req: Request) throws -> String {
        EventsPath.registration(.value(EventTokens.make(.manage, for: try registration.requireID(), app: req.application))).path
    }

    func show(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let id = EventTokens.registrationID(from: token, .manage, app: req.application),
            let registration = try await EventRegistration.find(id, on: req.db),
            let event = try await Event.find(registration.eventID, on: req.db)
        else { return try await unknownLink(req) }
        let page = try await RegistrationPage.make(registration, of: event, token: token, req: req)
        return try await req.render("events/registration", titleKey: "events.registration.title", page)
    }

    func confirmPage(req: Request) async throws -> Response {
        try await actionPage(
            req, view: "events/confirm", titleKey: "events.registration.confirm.title", path: EventsPath.confirmRegistration)
    }

    func cancelPage(req: Request) async throws -> Response {
        try await actionPage(req, view: "events/cancel", titleKey: "events.registration.cancel.title", path: EventsPath.cancelRegistration)
    }

    private func actionPage(_ req: Request, view: String, titleKey: String, path: (Parameter<String>) -> EventsPath) async throws
        -> Response
    {
        let token = req.parameters.get("token") ?? ""
        guard let id = EventTokens.registrationID(from: token, .manage, app: req.application),
            let registration = try await EventRegistration.find(id, on: req.db),
            let event = try await Event.find(registration.eventID, on: req.db)
        else { return try await unknownLink(req) }
        var page = RegistrationActionPage(
            eventTitle: event.title, action: path(.value(token)).path, csrf: req.csrfToken, paid: registration.paidCents > 0,
            backLink: EventsPath.registration(.value(token)).path)
        // The cancel link of an older mail, once the place was used or the event began: no button.
        if view == "events/cancel", registration.status.isActive,
            let refusal = RegistrationPage.cancelRefusal(registration, of: event, now: req.now)
        {
            page.action = nil
            page.message = req.t(refusal)
        }
        return try await req.render(view, titleKey: titleKey, page)
    }

    func confirm(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let registration = EventsPath.registration(.value(token))
        switch try await ConfirmRegistration(app: req.application).run(token: token) {
        case .confirmed: return Flash.redirect(req, to: registration, messageKey: "events.registration.flash.confirmed")
        case .alreadyConfirmed: return Flash.redirect(req, to: registration, messageKey: "events.registration.flash.already_confirmed")
        case .notConfirmable: return Flash.redirect(req, to: registration, messageKey: "events.registration.flash.not_confirmable")
        case .mustPay(let held, let event): return try await TicketCheckout.start(held, of: event, req: req)
        case .tooLate:
            let page = RegistrationActionPage(
                csrf: req.csrfToken, message: req.t("events.registration.confirm.too_late"), backLink: registration.path)
            return try await req.render("events/confirm", titleKey: "events.registration.confirm.title", page, status: .gone)
        case .unknown: return try await unknownLink(req)
        }
    }

    func cancel(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let registration = EventsPath.registration(.value(token))
        switch try await CancelRegistration(app: req.application).run(token: token) {
        case .cancelled(let refundByHand):
            let key = refundByHand ? "events.registration.flash.cancelled_refund" : "events.registration.flash.cancelled"
            return Flash.redirect(req, to: registration, messageKey: key)
        case .alreadyCancelled: return Flash.redirect(req, to: registration, messageKey: "events.registration.flash.already_cancelled")
        case .checkedIn: return Flash.redirect(req, to: registration, messageKey: "events.registration.flash.cancel_checked_in")
        case .started: return Flash.redirect(req, to: registration, messageKey: "events.registration.flash.cancel_started")
        case .unknown: return try await unknownLink(req)
        }
    }

    /// A forged, mistyped or cut-off link: a 404 that says what to do.
    private func unknownLink(_ req: Request) async throws -> Response {
        let page = RegistrationActionPage(
            csrf: req.csrfToken, message: req.t("events.registration.unknown_link"), backLink: EventsPath.agenda().path)
        return try await req.render("events/confirm", titleKey: "events.registration.unknown_title", page, status: .notFound)
    }
}
