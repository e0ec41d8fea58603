import Fluent
import Foundation
import KrachtCore
import Vapor

/// The coordinators' queue of initiatives waiting for a decision, oldest first, each with what
/// they need to decide and the two forms: approve, or reject with a reason for the organisers.
struct InitiativeAdminController: RouteCollection {
    static let shown = 100

    struct Item: Encodable {
        var id, name, summary, why, path, decidePath, created: String
        var place: String?
        var domains: [String]
        var underFlag: Bool
        var organisers: [String]
        var reason: String
        var errors: FormErrors?
    }
    struct Page: Encodable {
        var countText: String
        var items: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(InitiativesPath.adminQueue, use: queue)
        coordinators.post(InitiativesPath.adminDecide(.key), use: decide)
    }

    func queue(req: Request) async throws -> Response { try await render(req) }

    func decide(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        guard let fields = req.formFields() else { throw Abort(.badRequest) }
        let decision: DecideInitiative.Decision
        switch fields["decision"] {
        case "approve": decision = .approve
        case "reject": decision = .reject(reason: fields["reason"] ?? "")
        default: throw Abort(.badRequest)
        }
        let outcome = try await DecideInitiative(app: req.application).run(
            decision, initiativeID: id, by: try req.requireUser(), language: req.language)
        switch outcome {
        case .approved: return Flash.redirect(req, to: InitiativesPath.adminQueue, messageKey: "initiatives.admin.approved")
        case .rejected: return Flash.redirect(req, to: InitiativesPath.adminQueue, messageKey: "initiatives.admin.rejected")
        case .alreadyDecided: return Flash.redirect(req, to: InitiativesPath.adminQueue, messageKey: "initiatives.admin.already_decided")
        case .notFound: throw Abort(.notFound)
        case .invalid(let errors): return try await render(req, failed: id, reason: fields["reason"] ?? "", errors: errors)
        }
    }

    private func render(_ req: Request, failed: UUID? = nil, reason: String = "", errors: FormErrors? = nil) async throws -> Response {
        let reference = req.application.reference
        let english = req.language.rawValue == "en"
        let pending = try await Initiative.query(on: req.db).filter(\.$status == .pending).sort(\.$createdAt).sort(\.$slug)
            .range(..<Self.shown).all()
        let total = try await Initiative.query(on: req.db).filter(\.$status == .pending).count()
        let ids = pending.compactMap(\.id)
        let domainRows = ids.isEmpty ? [] : try await InitiativeDomain.query(on: req.db).filter(\.$initiativeID ~~ ids).all()
        let organiserRows = ids.isEmpty ? [] : try await InitiativeOrganiser.query(on: req.db).filter(\.$initiativeID ~~ ids).all()
        let users = try await User.query(on: req.db).filter(\.$id ~~ organiserRows.map(\.userID)).all()
        var laidOut: FormErrors?
        let items = pending.map { initiative -> Item in
            let id = initiative.id!
            var itemErrors: FormErrors?
            if id == failed, let errors {
                let layout = FormLayout(
                    id: "decide-\(id.uuidString)", [.field("reason", id: "reason-\(id.uuidString)", label: "initiatives.admin.reason")])
                itemErrors = errors.on(layout) { req.t($0) }
                laidOut = itemErrors
            }
            return Item(
                id: id.uuidString, name: initiative.name, summary: initiative.summary, why: initiative.why,
                path: InitiativesPath.initiative(.value(initiative.slug)).path,
                decidePath: InitiativesPath.adminDecide(.value(id)).path + "#" + FormErrors.summaryAnchor,
                created: AmsterdamTime.date(initiative.createdAt, in: req.language),
                place: InitiativePage.place(of: initiative, reference),
                domains: domainRows.filter { $0.initiativeID == id }.compactMap { reference.domain(slug: $0.domain) }
                    .map { english ? $0.nameEN : $0.nameNL },
                underFlag: initiative.underFlag,
                organisers: organiserRows.filter { $0.initiativeID == id }.compactMap { row in users.first { $0.id == row.userID } }
                    .map { PublicName.short($0.name) },
                reason: id == failed ? reason : "", errors: itemErrors)
        }
        let page = Page(countText: req.t("initiatives.admin.count", count: total), items: items)
        return try await req.render(
            "initiatives/admin/queue", titleKey: "initiatives.admin.title", page, status: errors == nil ? .ok : .badRequest,
            errors: laidOut, canonicalPath: InitiativesPath.adminQueue.path)
    }
}
