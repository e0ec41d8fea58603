import Fluent
import KrachtCore
import Vapor

/// Following an initiative, writing and reporting appreciations (signed in), and the
/// coordinators' page of reported appreciations (`/beheer/waarderingen`).
struct FollowAndAppreciationController: RouteCollection {
    struct WritePage: Encodable {
        var initiativeName, initiativePath, formPath: String
        var values: [String: String]
        var errors = FormErrors()
        var hasErrors = false
    }
    struct ReportedRow: Encodable {
        var initiative, initiativePath, ratingText, text, state, reports, decidePath: String
    }
    struct AdminPage: Encodable {
        var rows: [ReportedRow]
    }

    static let layout = FormLayout(
        id: "appreciation-form",
        [
            .field("rating", id: "appreciation-rating", label: "initiatives.appreciation.field.rating"),
            .field("text", id: "appreciation-text", label: "initiatives.appreciation.field.text"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post(InitiativesPath.follow(.key), use: follow)
        signedIn.post(InitiativesPath.unfollow(.key), use: unfollow)
        signedIn.get(InitiativesPath.appreciate(.key), use: writeForm)
        signedIn.post(InitiativesPath.appreciate(.key), use: write)
        signedIn.post(InitiativesPath.reportAppreciation(.key), use: report)
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(InitiativesPath.adminAppreciations, use: adminList)
        coordinators.post(InitiativesPath.adminDecideAppreciation(.key), use: adminDecide)
    }

    func publicInitiative(_ req: Request) async throws -> Initiative {
        let initiative = try await InitiativeAccess.initiative(req)
        guard initiative.isPublic else { throw Abort(.notFound) }
        return initiative
    }

    func follow(req: Request) async throws -> Response { try await setFollow(req, true) }
    func unfollow(req: Request) async throws -> Response { try await setFollow(req, false) }

    func setFollow(_ req: Request, _ on: Bool) async throws -> Response {
        let initiative = try await publicInitiative(req)
        try await Appreciations(app: req.application).follow(initiative, on, by: try req.requireUser().requireID())
        return Flash.redirect(
            req, to: InitiativesPath.initiative(.value(initiative.slug)),
            messageKey: on ? "initiatives.follow.done" : "initiatives.follow.undone")
    }

    func writeForm(req: Request) async throws -> Response {
        let initiative = try await publicInitiative(req)
        let userID = try req.requireUser().requireID()
        guard try await Appreciations.mayWrite(userID, on: try initiative.requireID(), db: req.db) else {
            return try await render(
                req, initiative, values: [:], errors: FormErrors(summary: req.t("initiatives.appreciation.error.not_participant")),
                status: .forbidden)
        }
        return try await render(req, initiative, values: ["rating": "", "text": ""])
    }

    func write(req: Request) async throws -> Response {
        let initiative = try await publicInitiative(req)
        let fields = req.formFields() ?? FormFields()
        let back = InitiativesPath.initiative(.value(initiative.slug))
        switch try await Appreciations(app: req.application).write(
            initiative, rating: fields["rating"], text: fields["text"], by: try req.requireUser(), language: req.language)
        {
        case .done: return Flash.redirect(req, to: back, messageKey: "initiatives.appreciation.thanks")
        case .alreadyWritten: return Flash.redirect(req, to: back, messageKey: "initiatives.appreciation.already")
        case .invalid(let errors):
            return try await render(
                req, initiative, values: ["rating": fields["rating"] ?? "", "text": fields["text"] ?? ""], errors: errors)
        case .notParticipant:
            return try await render(
                req, initiative, values: [:], errors: FormErrors(summary: req.t("initiatives.appreciation.error.not_participant")),
                status: .forbidden)
        case .notFound: throw Abort(.notFound)
        }
    }

    func render(
        _ req: Request, _ initiative: Initiative, values: [String: String], errors: FormErrors? = nil, status: HTTPStatus? = nil
    ) async throws -> Response {
        let slug = Parameter<String>.value(initiative.slug)
        var page = WritePage(
            initiativeName: initiative.name, initiativePath: InitiativesPath.initiative(slug).path,
            formPath: InitiativesPath.appreciate(slug).path, values: values)
        if let errors {
            page.errors = errors.on(Self.layout) { req.t($0) }
            page.hasErrors = true
        }
        return try await req.render(
            "initiatives/actions/appreciate", titleKey: "initiatives.appreciation.title", titleArguments: ["name": initiative.name], page,
            status: status ?? (errors == nil ? .ok : .badRequest), errors: errors)
    }

    func report(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let appreciation = try await Appreciation.find(id, on: req.db),
            let initiative = try await Initiative.find(appreciation.initiativeID, on: req.db)
        else { throw Abort(.notFound) }
        guard try await Appreciations(app: req.application).report(id, by: try req.requireUser().requireID()) == .done else {
            throw Abort(.notFound)
        }
        return Flash.redirect(req, to: InitiativesPath.initiative(.value(initiative.slug)), messageKey: "initiatives.appreciation.reported")
    }

    func adminList(req: Request) async throws -> Response {
        let rows = try await Appreciation.query(on: req.db).filter(\.$state != .removed).filter(\.$reportCount > 0).filter(\.$kept == false)
            .sort(\.$state, .ascending).sort(\.$reportCount, .descending).limit(200).all()
        let initiatives = try await Initiative.query(on: req.db).filter(\.$id ~~ Set(rows.map(\.initiativeID))).all()
        let byID = Dictionary(initiatives.compactMap { i in i.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        let shown = try rows.map { row in
            let initiative = byID[row.initiativeID]
            return ReportedRow(
                initiative: initiative?.name ?? "",
                initiativePath: initiative.map { InitiativesPath.initiative(.value($0.slug)).path } ?? "",
                ratingText: req.t("initiatives.appreciation.rating", ["rating": String(row.rating)]), text: row.text,
                state: req.t("initiatives.admin.appreciations.state.\(row.state.rawValue)"),
                reports: req.t("initiatives.admin.appreciations.reports", count: row.reportCount),
                decidePath: InitiativesPath.adminDecideAppreciation(.value(try row.requireID())).path)
        }
        return try await req.render(
            "initiatives/admin/appreciations", titleKey: "initiatives.admin.appreciations.title", AdminPage(rows: shown))
    }

    func adminDecide(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let decision = req.formFields()?["decision"]
        guard decision == "keep" || decision == "remove" else { throw Abort(.badRequest) }
        guard try await Appreciations(app: req.application).decide(id, keep: decision == "keep", by: try req.requireUser()) == .done else {
            throw Abort(.notFound)
        }
        return Flash.redirect(
            req, to: InitiativesPath.adminAppreciations,
            messageKey: decision == "keep" ? "initiatives.admin.appreciations.kept" : "initiatives.admin.appreciations.removed")
    }
}
