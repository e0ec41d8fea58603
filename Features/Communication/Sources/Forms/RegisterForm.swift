import KrachtCore
import Vapor

/// One option of a select, a radio or a checkbox group.
struct FormChoice: Encodable {
    var value, label: String
    var selected: Bool
}

/// The coordinators' form of the campaign and partner registers as its page shows it: values,
/// laid-out errors and the kinds to choose from.
struct RegisterForm: Encodable {
    var action: String
    var values: [String: String]
    var errors: FormErrors
    var hasErrors: Bool
    var kinds: [FormChoice]

    /// `kinds` are the raw values of the register's kinds, labelled by `<textPrefix>.kind.<value>`.
    init(
        _ req: Request, layout: FormLayout, action: String, values: [String: String], errors: FormErrors, kinds: [String],
        textPrefix: String
    ) {
        self.action = action
        self.values = values
        self.errors = errors.shown(on: layout, req)
        self.hasErrors = !errors.isEmpty
        self.kinds = kinds.map { FormChoice(value: $0, label: req.t("\(textPrefix).kind.\($0)"), selected: values["kind"] == $0) }
    }
}

/// The checks the campaign, partner and story commands share.
extension FormErrors {
    /// `TextField.check`s a typed text, adds its translated problem under `field` and returns the
    /// trimmed text.
    mutating func text(
        _ field: String, _ value: String?, required: Bool = true, maxLength: Int, singleLine: Bool = true, _ t: (String) -> String
    ) -> String {
        let (text, problem) = TextField.check(value, required: required, maxLength: maxLength, singleLine: singleLine)
        if let problem { add(field, TextField.message(for: problem, maxLength: maxLength, t)) }
        return text
    }

    /// A day as a date field sends it (`2025-03-01`), or nil; a required one left empty, or
    /// anything else typed, adds its message under `field`.
    mutating func day(_ field: String, _ raw: String?, required: Bool, _ t: (String) -> String) -> String? {
        let typed = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if typed.isEmpty {
            if required { add(field, t("form.required")) }
            return nil
        }
        guard typed.count == 10, AmsterdamTime.parseDay(typed) != nil else {
            add(field, t("campaigns.error.day"))
            return nil
        }
        return typed
    }

    /// These errors laid out on `layout` for the page; none stay none.
    func shown(on layout: FormLayout, _ req: Request) -> FormErrors { isEmpty ? self : on(layout, { req.t($0) }) }
}
