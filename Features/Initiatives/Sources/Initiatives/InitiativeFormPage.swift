import Fluent
import Foundation
import KrachtCore
import Vapor

/// The create/edit form's page: the typed values, the places, domains and agendas to choose
/// from (all from `app.reference`), and the errors laid out on the form.
struct InitiativeFormPage: Encodable {
    struct Choice: Encodable {
        var value, label: String
        var checked: Bool
    }
    struct AreaGroup: Encodable {
        var label: String
        var areas: [Choice]
    }
    var editing: Bool
    var action: String
    var cancelPath: String
    var values: [String: String]
    var districts: [Choice]
    var areaGroups: [AreaGroup]
    var domains: [Choice]
    var agendas: [Choice]
    var underFlag: Bool
    /// The flag is a coordinator's once the initiative has been decided on: shown, not changeable.
    var flagLocked: Bool
    var maxDomains = InitiativeForm.maxDomains
    var maxAgendas = InitiativeForm.maxAgendas
    var errors: FormErrors

    init(_ req: Request, form: InitiativeForm, editing slug: String?, errors: FormErrors = FormErrors(), flagLocked: Bool = false) {
        let reference = req.application.reference
        editing = slug != nil
        action = (slug.map { InitiativesPath.edit(.value($0)).path } ?? InitiativesPath.new.path) + "#" + FormErrors.summaryAnchor
        cancelPath = slug.map { InitiativesPath.initiative(.value($0)).path } ?? InitiativesPath.browse().path
        values = ["name": form.name, "summary": form.summary, "why": form.why, "contact": form.contact]
        districts = reference.districts.map { Choice(value: $0.slug, label: $0.name, checked: $0.slug == form.district) }
        areaGroups = reference.districts.map { district in
            AreaGroup(
                label: district.name,
                areas: district.areas.map { Choice(value: $0.slug, label: $0.name, checked: $0.slug == form.area) })
        }
        let english = req.language.rawValue == "en"
        domains = reference.domains.map {
            Choice(value: $0.slug, label: english ? $0.nameEN : $0.nameNL, checked: form.domains.contains($0.slug))
        }
        agendas = reference.policyAgendas.map { Choice(value: $0.slug, label: $0.name, checked: form.agendas.contains($0.slug)) }
        underFlag = form.underFlag
        self.flagLocked = flagLocked
        self.errors = errors.isEmpty ? errors : errors.on(InitiativeForm.layout) { req.t($0) }
    }

    static func render(_ req: Request, form: InitiativeForm, editing slug: String?, errors: FormErrors? = nil, flagLocked: Bool = false)
        async throws -> Response
    {
        let page = InitiativeFormPage(req, form: form, editing: slug, errors: errors ?? FormErrors(), flagLocked: flagLocked)
        return try await req.render(
            "initiatives/form", titleKey: slug == nil ? "initiatives.form.title_new" : "initiatives.form.title_edit", page,
            status: errors == nil ? .ok : .badRequest, errors: page.errors,
            canonicalPath: slug.map { InitiativesPath.edit(.value($0)).path } ?? InitiativesPath.new.path)
    }
}
