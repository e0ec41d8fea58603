import Foundation
import Initiatives
import KrachtCore

/// The form that turns an idea into an initiative under the flag: the initiatives' own form and
/// checks (`InitiativeForm`), on a page of its own, prefilled from the idea.
enum ConvertForm {
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

    /// Prefilled from the idea: its title, the start of its text as the summary, all of it as why.
    static func prefilled(from idea: Idea, domains: [String]) -> InitiativeForm {
        let max = InitiativeForm.maxSummary
        var form = InitiativeForm()
        form.name = String(idea.title.prefix(InitiativeForm.maxName))
        form.summary = idea.body.count <= max ? idea.body : String(idea.body.prefix(max - 1)) + "…"
        form.why = String(idea.body.prefix(InitiativeForm.maxWhy))
        form.district = idea.district ?? ""
        form.area = idea.area ?? ""
        form.domains = domains
        form.underFlag = true
        return form
    }
}
