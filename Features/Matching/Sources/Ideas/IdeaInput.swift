import Foundation
import KrachtCore
import Vapor

/// What a resident typed for an idea, checked: a title and a text within their limits, an
/// optional district and an area inside it, at most five known domains.
struct IdeaInput: Sendable, Equatable {
    static let maxTitle = 120
    static let maxBody = 4000
    static let maxDomains = 5

    var title: String
    var body: String
    var district: String?
    var area: String?
    var domains: [String]

    /// The form as posted (`domains` may repeat).
    struct Form: Decodable, Sendable {
        var title: String?
        var body: String?
        var district: String?
        var area: String?
        var domains: [String]?
    }

    static let layout = FormLayout(
        id: "idea-form",
        [
            .field("title", id: "idea-title", label: "matching.idea.field.title"),
            .field("body", id: "idea-body", label: "matching.idea.field.body"),
            .field("district", id: "idea-district", label: "matching.idea.field.district"),
            .field("area", id: "idea-area", label: "matching.idea.field.area"),
            .field("domains", id: "idea-domains", label: "matching.idea.field.domains"),
        ])

    /// What a check gives: the input to save, or each field's problem.
    enum Checked<Value: Sendable>: Sendable {
        case valid(Value)
        case invalid(FormErrors)
    }

    /// The checked input, or the problems of each field in the reader's language.
    static func check(_ form: Form, reference: ReferenceData, _ t: (String) -> String) -> Checked<IdeaInput> {
        var errors = FormErrors()
        let (title, titleProblem) = TextField.check(form.title, maxLength: maxTitle)
        if let titleProblem { errors.add("title", TextField.message(for: titleProblem, maxLength: maxTitle, t)) }
        let (body, bodyProblem) = TextField.check(form.body, maxLength: maxBody, singleLine: false)
        if let bodyProblem { errors.add("body", TextField.message(for: bodyProblem, maxLength: maxBody, t)) }
        let district = form.district.flatMap { $0.isEmpty ? nil : $0 }
        let area = form.area.flatMap { $0.isEmpty ? nil : $0 }
        if let district, reference.district(slug: district) == nil { errors.add("district", t("matching.idea.error.district")) }
        if let area {
            if let owner = reference.district(ofArea: area) {
                if let district, owner.slug != district { errors.add("area", t("matching.idea.error.area_outside")) }
            } else {
                errors.add("area", t("matching.idea.error.area"))
            }
        }
        // Checkboxes: a repeated or unknown slug is a tampered form, said plainly.
        var domains: [String] = []
        for slug in form.domains ?? [] where !slug.isEmpty && !domains.contains(slug) { domains.append(slug) }
        if domains.count > maxDomains {
            errors.add("domains", t("matching.idea.error.domains_count"))
        } else if domains.contains(where: { reference.domain(slug: $0) == nil }) {
            errors.add("domains", t("matching.idea.error.domain"))
        }
        guard errors.isEmpty else { return .invalid(errors) }
        // An area alone names its district.
        let resolvedDistrict = district ?? area.flatMap { reference.district(ofArea: $0)?.slug }
        return .valid(IdeaInput(title: title, body: body, district: resolvedDistrict, area: area, domains: domains))
    }
}
