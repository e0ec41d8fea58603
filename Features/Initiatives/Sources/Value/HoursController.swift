import Fluent
import KrachtCore
import Vapor

/// Volunteer hours on an action: the form and its entries, logging, and an organiser's decision
/// on hours a participant logged. Who may do what is the commands' (`HoursScope`).
struct HoursController: RouteCollection {
    struct Form: Decodable { var person, hours, minutes, worked_on, people_reached: String? }
    struct DecideForm: Decodable { var decision: String? }

    static let layout = FormLayout(
        id: "hours-form",
        [
            .field("person", id: "hours-person", label: "initiatives.hours.person"),
            .field("hours", id: "hours-hours", label: "initiatives.hours.hours"),
            .field("minutes", id: "hours-minutes", label: "initiatives.hours.minutes"),
            .field("worked_on", id: "hours-day", label: "initiatives.hours.day"),
            .field("people_reached", id: "hours-reached", label: "initiatives.hours.reached"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(InitiativesPath.hours(.key, action: .key), use: show)
        signedIn.post(InitiativesPath.hours(.key, action: .key), use: log)
        signedIn.post(InitiativesPath.decideHours(.key, action: .key, hours: .key), use: decide)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, scope(req))
    }

    func log(req: Request) async throws -> Response {
        let (slug, actionID) = try ids(req)
        let form = req.decodeForm(Form.self)
        let input = LogHours.Input(
            person: form?.person, hours: form?.hours, minutes: form?.minutes, workedOn: form?.worked_on, peopleReached: form?.people_reached
        )
        let path = InitiativesPath.hours(.value(slug), action: .value(actionID))
        switch try await LogHours(app: req.application).run(
            slug: slug, actionID: actionID, input, by: try req.requireUser(), language: req.language)
        {
        case .confirmed: return Flash.redirect(req, to: path, messageKey: "initiatives.hours.logged_confirmed")
        case .pending: return Flash.redirect(req, to: path, messageKey: "initiatives.hours.logged_pending")
        case .invalid(let errors):
            let values = [
                "person": form?.person ?? "", "hours": form?.hours ?? "", "minutes": form?.minutes ?? "",
                "worked_on": form?.worked_on ?? "", "people_reached": form?.people_reached ?? "",
            ].mapValues { String($0.prefix(100)) }
            return try await render(req, scope(req), errors: errors, values: values, status: .badRequest)
        case .notAllowed: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    func decide(req: Request) async throws -> Response {
        let (slug, actionID) = try ids(req)
        guard let hoursID = req.parameters.get("hours").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let decision = req.decodeForm(DecideForm.self)?.decision
        let path = InitiativesPath.hours(.value(slug), action: .value(actionID))
        switch try await DecideHours(app: req.application).run(
            slug: slug, actionID: actionID, hoursID: hoursID, decision: decision, by: try req.requireUser())
        {
        case .confirmed: return Flash.redirect(req, to: path, messageKey: "initiatives.hours.decided_confirmed")
        case .rejected: return Flash.redirect(req, to: path, messageKey: "initiatives.hours.decided_rejected")
        case .alreadyDecided: return Flash.redirect(req, to: path, messageKey: "initiatives.hours.already_decided")
        case .invalid: return Flash.redirect(req, to: path, messageKey: "initiatives.hours.decision_invalid")
        case .notAllowed: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    private func ids(_ req: Request) throws -> (String, UUID) {
        guard let slug = req.parameters.get("slug"), slug.count <= 120,
            let actionID = req.parameters.get("action").flatMap(UUID.init(uuidString:))
        else { throw Abort(.notFound) }
        return (slug, actionID)
    }

    private func scope(_ req: Request) async throws -> HoursScope {
        let (slug, actionID) = try ids(req)
        switch try await HoursScope.load(slug: slug, actionID: actionID, user: try req.requireUser(), on: req.db) {
        case .notFound: throw Abort(.notFound)
        case .notAllowed: throw Abort(.forbidden)
        case .found(let scope): return scope
        }
    }

    private func render(
        _ req: Request, _ scope: HoursScope, errors: FormErrors? = nil, values: [String: String] = [:], status: HTTPStatus = .ok
    ) async throws -> Response {
        let page = try await HoursPage.build(scope, req: req, errors: errors ?? FormErrors(), values: values)
        return try await req.render(
            "initiatives/hours", titleKey: "initiatives.hours.title", titleArguments: ["action": scope.action.title], page, status: status,
            errors: errors)
    }
}
