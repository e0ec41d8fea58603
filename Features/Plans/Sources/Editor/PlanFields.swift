import Foundation
import KrachtCore
import Vapor

/// What a coordinator typed for a plan, a section or an activity, checked one field at a time:
/// trimmed, within its limit, a domain or district only from the reference data. Each problem is
/// a translated message beside its field; the cleaned values are what gets stored.
struct PlanFields: Sendable {
    static let maxTitle = 200
    static let maxSummary = 1_000
    static let maxBody = 50_000
    static let maxDescription = 5_000
    static let maxNeeds = 500
    static let maxLine = 200

    private(set) var values: [String: String] = [:]
    private(set) var errors = FormErrors()
    let t: @Sendable (String) -> String

    init(app: Application, language: Language) {
        t = { key in app.catalogue.text(key, in: language) }
    }

    var isValid: Bool { errors.isEmpty }
    subscript(name: String) -> String { values[name] ?? "" }

    mutating func text(_ name: String, _ input: String?, max: Int, required: Bool = false, multiLine: Bool = false) {
        let (value, problem) = TextField.check(input, required: required, maxLength: max, singleLine: !multiLine)
        values[name] = value
        if let problem { errors.add(name, TextField.message(for: problem, maxLength: max, t)) }
    }

    /// One of `allowed`, or empty for none.
    mutating func choice(_ name: String, _ input: String?, allowed: [String], messageKey: String) {
        let value = (input ?? "").trimmingCharacters(in: .whitespaces)
        values[name] = value
        if !value.isEmpty && !allowed.contains(value) { errors.add(name, t(messageKey)) }
    }

    // The three forms' checks, shared by the commands that store them.

    static func plan(_ form: PlanForm, app: Application, language: Language) -> PlanFields {
        var fields = PlanFields(app: app, language: language)
        fields.text("title", form.title, max: maxTitle, required: true)
        fields.text("summary", form.summary, max: maxSummary, multiLine: true)
        return fields
    }

    static func section(_ form: SectionForm, app: Application, language: Language) -> PlanFields {
        var fields = PlanFields(app: app, language: language)
        fields.text("title", form.title, max: maxTitle, required: true)
        fields.text("body", form.body, max: maxBody, multiLine: true)
        return fields
    }

    static func activity(_ form: ActivityForm, app: Application, language: Language) -> PlanFields {
        var fields = PlanFields(app: app, language: language)
        fields.text("title", form.title, max: maxTitle, required: true)
        fields.text("description", form.description, max: maxDescription, multiLine: true)
        fields.text("organiser", form.organiser, max: maxLine)
        fields.text("timing", form.timing, max: maxLine)
        fields.text("needs", form.needs, max: maxNeeds, multiLine: true)
        fields.choice("domain", form.domain, allowed: app.reference.domains.map(\.slug), messageKey: "plans.editor.domain_unknown")
        fields.choice("district", form.district, allowed: app.reference.districts.map(\.code), messageKey: "plans.editor.district_unknown")
        return fields
    }
}

struct PlanForm: Content, Sendable {
    var title: String?
    var summary: String?
}

struct SectionForm: Content, Sendable {
    var title: String?
    var body: String?
}

struct ActivityForm: Content, Sendable {
    var title: String?
    var description: String?
    var organiser: String?
    var timing: String?
    var needs: String?
    var domain: String?
    var district: String?

    init(
        title: String? = nil, description: String? = nil, organiser: String? = nil, timing: String? = nil, needs: String? = nil,
        domain: String? = nil, district: String? = nil
    ) {
        (self.title, self.description, self.organiser, self.timing, self.needs) = (title, description, organiser, timing, needs)
        (self.domain, self.district) = (domain, district)
    }

    init(_ activity: PlanActivity) {
        self.init(
            title: activity.title, description: activity.description, organiser: activity.organiser, timing: activity.timing,
            needs: activity.needs, domain: activity.domain, district: activity.district)
    }
}
