import Fluent
import Foundation
import KrachtCore
import Vapor

/// The organisers of one initiative, for its organisers: add one by their account's address,
/// remove one (never the last). Names only: no organiser's address is shown to another.
struct OrganisersController: RouteCollection {
    struct Page: Encodable {
        struct Organiser: Encodable {
            var name: String
            var initiator: Bool
            var removePath: String
        }
        var name: String
        var backPath, addPath: String
        var organisers: [Organiser]
        var canRemove: Bool
        var email: String
        var errors: FormErrors
    }

    static let layout = FormLayout(
        id: "organiser-form", [.field("email", id: "organiser-email", label: "initiatives.page.organisers.email")])

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(InitiativesPath.organisers(.key), use: show)
        signedIn.post(InitiativesPath.organisers(.key), use: add)
        signedIn.post(InitiativesPath.removeOrganiser(.key, user: .key), use: remove)
    }

    func show(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.managed(req, slug: try InitiativeAccess.slugParameter(req))
        return try await render(req, initiative)
    }

    func add(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.managed(req, slug: try InitiativeAccess.slugParameter(req))
        guard let fields = req.formFields() else { throw Abort(.badRequest) }
        let email = fields["email"] ?? ""
        let path = InitiativesPath.organisers(.value(initiative.slug))
        switch try await AddOrganiser(app: req.application).run(
            email: email, initiativeID: try initiative.requireID(), by: try req.requireUser(), language: req.language)
        {
        case .done: return Flash.redirect(req, to: path, messageKey: "initiatives.page.organisers.added")
        case .tooMany: return Flash.redirect(req, to: path, messageKey: "initiatives.page.organisers.too_many")
        case .rateLimited: throw Abort(.tooManyRequests)
        case .invalid(let errors): return try await render(req, initiative, email: email, errors: errors)
        }
    }

    func remove(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.managed(req, slug: try InitiativeAccess.slugParameter(req))
        guard let userID = req.parameters.get("user", as: UUID.self) else { throw Abort(.notFound) }
        let path = InitiativesPath.organisers(.value(initiative.slug))
        switch try await RemoveOrganiser(app: req.application).run(
            userID: userID, initiativeID: try initiative.requireID(), by: try req.requireUser())
        {
        case .removed: return Flash.redirect(req, to: path, messageKey: "initiatives.page.organisers.removed")
        case .lastOrganiser: return Flash.redirect(req, to: path, messageKey: "initiatives.page.organisers.last")
        case .notAnOrganiser: throw Abort(.notFound)
        }
    }

    private func render(_ req: Request, _ initiative: Initiative, email: String = "", errors: FormErrors? = nil) async throws -> Response {
        let id = try initiative.requireID()
        let rows = try await InitiativeOrganiser.query(on: req.db).filter(\.$initiativeID == id).sort(\.$addedAt).all()
        let users = try await User.query(on: req.db).filter(\.$id ~~ rows.map(\.userID)).all()
        let slug = Parameter<String>.value(initiative.slug)
        let organisers = rows.compactMap { row -> Page.Organiser? in
            guard let user = users.first(where: { $0.id == row.userID }) else { return nil }
            return Page.Organiser(
                name: PublicName.short(user.name), initiator: row.isInitiator,
                removePath: InitiativesPath.removeOrganiser(slug, user: .value(row.userID)).path)
        }
        let laidOut = errors.map { $0.on(Self.layout) { req.t($0) } } ?? FormErrors()
        let page = Page(
            name: initiative.name, backPath: InitiativesPath.initiative(slug).path,
            addPath: InitiativesPath.organisers(slug).path + "#" + FormErrors.summaryAnchor, organisers: organisers,
            canRemove: organisers.count > 1, email: email, errors: laidOut)
        return try await req.render(
            "initiatives/organisers", titleKey: "initiatives.page.organisers.title", titleArguments: ["name": initiative.name], page,
            status: errors == nil ? .ok : .badRequest, errors: laidOut, canonicalPath: InitiativesPath.organisers(slug).path)
    }
}
