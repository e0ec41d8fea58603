import Fluent
import Foundation
import KrachtCore
import Vapor

/// The create/edit form as typed, and its checks. Places come from `app.reference.districts`
/// (an area must lie in the chosen district), domains (1–5) from `app.reference.domains`,
/// policy agendas (0–5) from `app.reference.policyAgendas`. Public: turning an idea into an
/// initiative (matching) checks its form by these same rules.
public struct InitiativeForm: Sendable {
    public static let maxName = 120, maxSummary = 300, maxWhy = 4000, maxContact = 200
    public static let maxDomains = 5, maxAgendas = 5

    static let layout = FormLayout(
        id: "initiative-form",
        [
            .field("name", id: "initiative-name", label: "initiatives.form.name"),
            .field("summary", id: "initiative-summary", label: "initiatives.form.summary"),
            .field("why", id: "initiative-why", label: "initiatives.form.why"),
            .field("district", id: "initiative-district", label: "initiatives.form.district"),
            .field("area", id: "initiative-area", label: "initiatives.form.area"),
            .field("domains", id: "initiative-domains", label: "initiatives.form.domains"),
            .field("agendas", id: "initiative-agendas", label: "initiatives.form.agendas"),
            .field("contact", id: "initiative-contact", label: "initiatives.form.contact"),
        ])

    public var name = "", summary = "", why = "", district = "", area = "", contact = ""
    public var domains: [String] = [], agendas: [String] = []
    public var underFlag = false

    public init() {}

    public init(fields: FormFields) {
        name = fields["name"] ?? ""
        summary = fields["summary"] ?? ""
        why = fields["why"] ?? ""
        district = fields["district"] ?? ""
        area = fields["area"] ?? ""
        contact = fields["contact"] ?? ""
        domains = Array(Set(fields.values("domains"))).sorted()
        agendas = Array(Set(fields.values("agendas"))).sorted()
        underFlag = fields["under_flag"] == "1"
    }

    init(_ initiative: Initiative, domains: [String], agendas: [String]) {
        name = initiative.name
        summary = initiative.summary
        why = initiative.why
        district = initiative.district ?? ""
        area = initiative.area ?? ""
        contact = initiative.contact ?? ""
        self.domains = domains
        self.agendas = agendas
        underFlag = initiative.underFlag
    }

    /// What a valid form saves.
    public struct Valid: Sendable {
        public var name, summary, why: String
        public var district, area, contact: String?
        public var domains, agendas: [String]
        public var underFlag: Bool
    }

    public enum Checked: Sendable {
        case success(Valid)
        case failure(FormErrors)
    }

    public func validate(_ reference: ReferenceData, _ t: (String) -> String) -> Checked {
        var errors = FormErrors()
        func text(_ field: String, _ value: String, max: Int, required: Bool = true, singleLine: Bool = true) -> String {
            let (checked, problem) = TextField.check(value, required: required, maxLength: max, singleLine: singleLine)
            if let problem { errors.add(field, TextField.message(for: problem, maxLength: max, t)) }
            return checked
        }
        let name = text("name", name, max: Self.maxName)
        let summary = text("summary", summary, max: Self.maxSummary, singleLine: false)
        let why = text("why", why, max: Self.maxWhy, singleLine: false)
        let contact = text("contact", contact, max: Self.maxContact, required: false)

        let district = district.isEmpty ? nil : reference.district(slug: district)
        if !self.district.isEmpty && district == nil { errors.add("district", t("initiatives.form.error.district")) }
        var area: String?
        if !self.area.isEmpty {
            if let district, district.areas.contains(where: { $0.slug == self.area }) {
                area = self.area
            } else {
                errors.add("area", t("initiatives.form.error.area"))
            }
        }
        if domains.isEmpty {
            errors.add("domains", t("initiatives.form.error.domains_none"))
        } else if domains.count > Self.maxDomains {
            errors.add("domains", t("initiatives.form.error.domains_many"))
        } else if domains.contains(where: { reference.domain(slug: $0) == nil }) {
            errors.add("domains", t("initiatives.form.error.domains_unknown"))
        }
        if agendas.count > Self.maxAgendas {
            errors.add("agendas", t("initiatives.form.error.agendas_many"))
        } else if agendas.contains(where: { reference.policyAgenda(slug: $0) == nil }) {
            errors.add("agendas", t("initiatives.form.error.agendas_unknown"))
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(
            Valid(
                name: name, summary: summary, why: why, district: district?.slug, area: area,
                contact: contact.isEmpty ? nil : contact, domains: domains, agendas: agendas, underFlag: underFlag))
    }
}

extension InitiativeForm.Valid {
    /// Writes the fields and replaces the domains and agendas, in the caller's transaction.
    func apply(to initiative: Initiative, now: Date, on db: any Database) async throws {
        initiative.name = name
        initiative.summary = summary
        initiative.why = why
        initiative.district = district
        initiative.area = area
        initiative.contact = contact
        initiative.underFlag = underFlag
        initiative.updatedAt = now
        try await initiative.save(on: db)
        let id = try initiative.requireID()
        try await InitiativeDomain.query(on: db).filter(\.$initiativeID == id).delete()
        try await InitiativeAgenda.query(on: db).filter(\.$initiativeID == id).delete()
        for domain in domains { try await InitiativeDomain(initiativeID: id, domain: domain).create(on: db) }
        for agenda in agendas { try await InitiativeAgenda(initiativeID: id, agenda: agenda).create(on: db) }
    }
}
