import Foundation
import KrachtCore

/// The form that turns an idea into an initiative under the flag, prefilled from the idea: the
/// same limits as a new initiative's (name ≤ 120, summary ≤ 300, why ≤ 4,000, 1–5 domains, an
/// area inside its district, contact ≤ 200).
struct ConvertForm: Decodable, Sendable {
    static let maxName = 120, maxSummary = 300, maxWhy = 4000, maxContact = 200, maxDomains = 5

    var name: String?
    var summary: String?
    var why: String?
    var district: String?
    var area: String?
    var contact: String?
    var domains: [String]?

    static let layout = FormLayout(
        id: "idea-convert-form",
        [
            .field("name", id: "convert-name", label: "matching.idea.convert.name"),
            .field("summary", id: "convert-summary", label: "matching.idea.convert.summary"),
            .field("why", id: "convert-why", label: "matching.idea.convert.why"),
            .field("district", id: "convert-district", label: "matching.idea.field.district"),
            .field("area", id: "convert-area", label: "matching.idea.field.area"),
            .field("domains", id: "convert-domains", label: "matching.idea.field.domains"),
            .field("contact", id: "convert-contact", label: "matching.idea.convert.contact"),
        ])

    struct Valid: Sendable {
        var name, summary, why: String
        var district, area, contact: String?
        var domains: [String]
    }

    func validate(_ reference: ReferenceData, _ t: (String) -> String) -> IdeaInput.Checked<Valid> {
        var errors = FormErrors()
        func text(_ field: String, _ value: String?, max: Int, required: Bool = true, singleLine: Bool = true) -> String {
            let (checked, problem) = TextField.check(value, required: required, maxLength: max, singleLine: singleLine)
            if let problem { errors.add(field, TextField.message(for: problem, maxLength: max, t)) }
            return checked
        }
        let name = text("name", name, max: Self.maxName)
        let summary = text("summary", summary, max: Self.maxSummary, singleLine: false)
        let why = text("why", why, max: Self.maxWhy, singleLine: false)
        let contact = text("contact", contact, max: Self.maxContact, required: false)
        // Place and domains as an idea checks them; an initiative needs at least one domain.
        let place = IdeaInput.check(
            IdeaInput.Form(title: "x", body: "x", district: district, area: area, domains: domains), reference: reference, t)
        var valid: IdeaInput?
        switch place {
        case .invalid(let problems): for item in problems.items { errors.add(item.field, item.message) }
        case .valid(let input): valid = input
        }
        if let valid, valid.domains.isEmpty { errors.add("domains", t("matching.idea.convert.error.domains_none")) }
        guard errors.isEmpty, let valid else { return .invalid(errors) }
        return .valid(
            Valid(
                name: name, summary: summary, why: why, district: valid.district, area: valid.area,
                contact: contact.isEmpty ? nil : contact, domains: valid.domains))
    }

    /// Prefilled from the idea: its title, the start of its text as the summary, all of it as why.
    static func prefilled(from idea: Idea, domains: [String]) -> ConvertForm {
        let summary = idea.body.count <= maxSummary ? idea.body : String(idea.body.prefix(maxSummary - 1)) + "…"
        return ConvertForm(
            name: idea.title, summary: summary, why: idea.body, district: idea.district, area: idea.area, contact: nil, domains: domains)
    }
}
