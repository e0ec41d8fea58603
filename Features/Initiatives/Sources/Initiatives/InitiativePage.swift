import Fluent
import Foundation
import KrachtCore
import Vapor

/// What an initiative's page shows: what, why, where, its domains and agendas, its contact, its
/// organisers by first name and initial, its member count; then its actions, value and
/// appreciations (partials of other parts of the feature). Its organisers also see its state and
/// the links to run it.
struct InitiativePage: Encodable {
    var slug, name, summary, why: String
    var place: String?
    var domains: [String]
    var agendas: [String]
    var contact: String?
    var underFlag: Bool
    var status: String
    var pending, rejected: Bool
    var rejectionReason: String?
    var organisers: [String]
    var members: Int
    var manages: Bool
    var editPath, organisersPath, newActionPath, browsePath: String
    var actions: [ActionSummary]
    var value: InitiativeValue
    var appreciations: AppreciationSection

    static func load(_ initiative: Initiative, manages: Bool, req: Request) async throws -> InitiativePage {
        let id = try initiative.requireID()
        let reference = req.application.reference
        let english = req.language.rawValue == "en"
        let domains = try await InitiativeDomain.query(on: req.db).filter(\.$initiativeID == id).all()
            .compactMap { reference.domain(slug: $0.domain) }.map { english ? $0.nameEN : $0.nameNL }.sorted()
        let agendas = try await InitiativeAgenda.query(on: req.db).filter(\.$initiativeID == id).all()
            .compactMap { reference.policyAgenda(slug: $0.agenda)?.name }.sorted()
        let organiserIDs = try await InitiativeOrganiser.query(on: req.db).filter(\.$initiativeID == id)
            .sort(\.$addedAt).all().map(\.userID)
        let users = try await User.query(on: req.db).filter(\.$id ~~ organiserIDs).all()
        let organisers = organiserIDs.compactMap { id in users.first { $0.id == id } }.map { PublicName.short($0.name) }
        let members = try await InitiativeMember.query(on: req.db).filter(\.$initiativeID == id).count()
        let viewer = req.auth.get(User.self)
        let slug = Parameter<String>.value(initiative.slug)
        return InitiativePage(
            slug: initiative.slug, name: initiative.name, summary: initiative.summary, why: initiative.why,
            place: place(of: initiative, reference), domains: domains, agendas: agendas, contact: initiative.contact,
            underFlag: initiative.underFlag, status: req.t(statusKey(initiative.status)),
            pending: initiative.status == .pending, rejected: initiative.status == .rejected,
            rejectionReason: manages ? initiative.rejectionReason : nil, organisers: organisers, members: members, manages: manages,
            editPath: InitiativesPath.edit(slug).path, organisersPath: InitiativesPath.organisers(slug).path,
            newActionPath: InitiativesPath.newAction(slug).path, browsePath: InitiativesPath.browse().path,
            actions: try await ActionSummary.list(for: initiative, viewer: viewer, req: req),
            value: InitiativeValue.of(initiative, req: req),
            appreciations: try await AppreciationSection.load(for: initiative, viewer: viewer, req: req))
    }

    static func statusKey(_ status: Initiative.Status) -> String {
        switch status {
        case .pending: "initiatives.page.status.pending"
        case .approved: "initiatives.page.status.approved"
        case .rejected: "initiatives.page.status.rejected"
        case .archived: "initiatives.page.status.archived"
        }
    }

    /// "De Pijp, Zuid", "Zuid", or nil for the whole city.
    static func place(of initiative: Initiative, _ reference: ReferenceData) -> String? {
        guard let district = initiative.district.flatMap(reference.district(slug:)) else { return nil }
        guard let area = district.areas.first(where: { $0.slug == initiative.area }) else { return district.name }
        return "\(area.name), \(district.name)"
    }
}
