import Fluent
import KrachtCore
import Vapor

/// "Ik doe mee" and taking it back, for a signed-in resident; accepting or declining an ask, for
/// an organiser of that initiative.
struct ParticipationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post(InitiativesPath.join(.key, action: .key), use: join)
        signedIn.post(InitiativesPath.withdraw(.key, action: .key), use: withdraw)
        signedIn.post(InitiativesPath.decideParticipation(.key, action: .key, participation: .key), use: decide)
    }

    func join(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        let action = try await InitiativeAccess.action(req, of: initiative)
        let id = try action.requireID()
        let message = req.formFields()?["message"]
        let back = InitiativesPath.action(.value(initiative.slug), action: .value(id))
        switch try await JoinAction(app: req.application).run(id, message: message, by: try req.requireUser(), language: req.language) {
        case .asked: return Flash.redirect(req, to: back, messageKey: "initiatives.join.asked")
        case .alreadyAsked: return Flash.redirect(req, to: back, messageKey: "initiatives.join.already_asked")
        case .alreadyIn: return Flash.redirect(req, to: back, messageKey: "initiatives.join.already_in")
        case .full: return try await refuse(req, initiative, action, FormErrors(summary: req.t("initiatives.join.error.full")))
        case .closed: return try await refuse(req, initiative, action, FormErrors(summary: req.t("initiatives.join.error.closed")))
        case .organiser: return try await refuse(req, initiative, action, FormErrors(summary: req.t("initiatives.join.error.organiser")))
        case .tooMany:
            return try await refuse(
                req, initiative, action, FormErrors(summary: req.t("initiatives.join.error.too_many")), status: .tooManyRequests)
        case .invalid(let errors): return try await refuse(req, initiative, action, errors, message: message ?? "")
        case .notFound: throw Abort(.notFound)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        let action = try await InitiativeAccess.action(req, of: initiative)
        let id = try action.requireID()
        _ = try await JoinAction(app: req.application).withdraw(id, by: try req.requireUser())
        return Flash.redirect(
            req, to: InitiativesPath.action(.value(initiative.slug), action: .value(id)), messageKey: "initiatives.join.withdrawn")
    }

    func decide(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.initiative(req)
        let user = try await InitiativeAccess.requireManager(req, of: initiative)
        let action = try await InitiativeAccess.action(req, of: initiative)
        guard let participationID = req.parameters.get("participation").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let fields = req.formFields() ?? FormFields()
        let outcome = try await DecideParticipation(app: req.application).run(
            participationID, action: try action.requireID(),
            decision: fields["decision"].flatMap(DecideParticipation.Decision.init(rawValue:)),
            message: fields["message"], by: user, language: req.language)
        let back = InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID()))
        switch outcome {
        case .accepted: return Flash.redirect(req, to: back, messageKey: "initiatives.join.accepted")
        case .declined: return Flash.redirect(req, to: back, messageKey: "initiatives.join.declined")
        case .full: return try await refuse(req, initiative, action, FormErrors(summary: req.t("initiatives.join.error.full_accept")))
        case .notPending: return try await refuse(req, initiative, action, FormErrors(summary: req.t("initiatives.join.error.not_pending")))
        case .invalid(let errors):
            return try await refuse(req, initiative, action, FormErrors(summary: errors.items.map(\.message).joined(separator: " ")))
        case .notOrganiser: throw Abort(.forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    /// The action's page again, saying why nothing changed.
    func refuse(
        _ req: Request, _ initiative: Initiative, _ action: InitiativeAction, _ errors: FormErrors, message: String = "",
        status: HTTPStatus? = nil
    ) async throws -> Response {
        let fresh = try await InitiativeAction.find(try action.requireID(), on: req.db) ?? action
        var page = try await ActionPage.build(fresh, of: initiative, req: req)
        page.errors = errors
        page.hasErrors = true
        page.message = message
        return try await req.render(
            "initiatives/action", titleKey: "initiatives.action.title", titleArguments: ["title": action.title], page,
            status: status ?? (errors.summary != nil ? .conflict : .badRequest), errors: errors,
            canonicalPath: InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID())).path)
    }
}
