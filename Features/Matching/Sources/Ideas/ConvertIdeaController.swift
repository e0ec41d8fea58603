import Fluent
import Initiatives
import KrachtCore
import Vapor

/// `/ideeen/:id/initiatief`: the author of an open idea proposes it as an initiative under the
/// flag, on a form prefilled from the idea; a coordinator decides.
struct ConvertIdeaController: RouteCollection {
    struct Page: Encodable, Sendable {
        var ideaTitle: String
        var ideaPath: String
        var action: String
        var values: [String: String]
        var districts: [IdeaPlaces.Choice]
        var areas: [IdeaPlaces.AreaGroup]
        var domains: [IdeaPlaces.Choice]
        var supporterCount: Int
        var errors: FormErrors
        var prefix = "convert"
        var limits = [
            "name": InitiativeForm.maxName, "summary": InitiativeForm.maxSummary, "why": InitiativeForm.maxWhy,
            "contact": InitiativeForm.maxContact,
        ]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(MatchingPath.convertIdea(.key), use: form)
        signedIn.post(MatchingPath.convertIdea(.key), use: convert)
    }

    func form(req: Request) async throws -> Response {
        let idea = try await ownIdea(req)
        guard idea.status == .open else {
            return Flash.redirect(req, to: MatchingPath.idea(.value(try idea.requireID())), messageKey: "matching.idea.not_open")
        }
        let domains = try await IdeaDomain.query(on: req.db).filter(\.$ideaID == idea.requireID()).all().map(\.domain)
        return try await render(req, idea, ConvertForm.prefilled(from: idea, domains: domains), errors: FormErrors())
    }

    func convert(req: Request) async throws -> Response {
        let idea = try await ownIdea(req)
        let id = try idea.requireID()
        let form = req.formFields().map(InitiativeForm.init(fields:)) ?? InitiativeForm()
        let refused: FormErrors
        switch try await ConvertIdea(app: req.application).run(id, form, by: try req.requireUser(), language: req.language) {
        case .proposed: return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: "matching.idea.convert.proposed")
        case .invalid(let errors): refused = errors
        case .tooManyPending:
            let count = String(ProposeInitiative.maxPending)
            refused = FormErrors(summary: req.t("matching.idea.convert.error.too_many_pending", ["count": count]))
        case .rateLimited: refused = FormErrors(summary: req.t("matching.idea.convert.error.rate_limited"))
        case .notOpen: return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: "matching.idea.not_open")
        case .notFound: throw Abort(.notFound)
        }
        return try await render(req, idea, form, errors: refused.on(ConvertForm.layout, { req.t($0) }), status: .badRequest)
    }

    /// Only the idea's author reaches this form; for anyone else the idea is not there.
    private func ownIdea(_ req: Request) async throws -> Idea {
        let user = try req.requireUser()
        guard let idea = try await Idea.find(try IdeasController.ideaID(req), on: req.db), idea.authorID == user.id else {
            throw Abort(.notFound)
        }
        return idea
    }

    private func render(_ req: Request, _ idea: Idea, _ form: InitiativeForm, errors: FormErrors, status: HTTPStatus = .ok)
        async throws -> Response
    {
        let id = try idea.requireID()
        let places = IdeaPlaces(req)
        let values = [
            "name": form.name, "summary": form.summary, "why": form.why, "district": form.district, "area": form.area,
            "contact": form.contact,
        ]
        let page = Page(
            ideaTitle: idea.title, ideaPath: MatchingPath.idea(.value(id)).path,
            action: MatchingPath.convertIdea(.value(id)).path + "#" + FormErrors.summaryAnchor, values: values,
            districts: places.districts(selected: form.district), areas: places.areas(selected: form.area),
            domains: places.domains(selected: form.domains), supporterCount: idea.supporterCount, errors: errors)
        return try await req.render("matching/idea-convert", titleKey: "matching.idea.convert.title", page, status: status, errors: errors)
    }
}
