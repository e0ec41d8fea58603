import Fund
import KrachtCore
import Vapor

/// What an applicant (or a referrer on their behalf) submits on `/fonds/aanvragen`, checked into
/// an application to store, or field errors. The files come beside it (`UploadedForm.files`).
struct ApplyForm: Sendable {
    var fields: [String: String]

    static let textMax = 2_000
    static let nameMax = 200

    static let layout = FormLayout(
        id: "apply-form",
        [
            .field("category", id: "apply-category-shelter", label: "fundhelp.apply.category"),
            .field("purpose", id: "apply-purpose", label: "fundhelp.apply.purpose"),
            .field("amount", id: "apply-amount", label: "fundhelp.apply.amount"),
            .field("urgency", id: "apply-urgency-today", label: "fundhelp.apply.urgency"),
            .field("no_provision", id: "apply-no-provision", label: "fundhelp.apply.no_provision"),
            .field("district", id: "apply-district", label: "fundhelp.apply.district"),
            .field("name", id: "apply-name", label: "fundhelp.apply.name"),
            .field("phone", id: "apply-phone", label: "fundhelp.apply.phone"),
            .field("email", id: "apply-email", label: "fundhelp.apply.email"),
            .field("iban", id: "apply-iban", label: "fundhelp.apply.iban"),
            .field("account_holder", id: "apply-account-holder", label: "fundhelp.apply.account_holder"),
            .field("organisation", id: "apply-organisation", label: "fundhelp.referrer.organisation"),
            .field("note", id: "apply-note", label: "fundhelp.referrer.note"),
            .field("documents", id: "apply-documents", label: "fundhelp.apply.documents"),
            .field("consent", id: "apply-consent", label: "fundhelp.apply.consent_label"),
        ])

    struct Checked: Sendable {
        var category: SupportApplication.Category
        var urgency: SupportApplication.Urgency
        var requestedCents: Int64
        var district: String?
        var name: String
        var details: ApplicantDetails
    }

    subscript(name: String) -> String? { fields[name] }

    /// `limitCents`: the current criteria's per-person limit; `districts`: the codes offered.
    func check(asReferrer: Bool, limitCents: Int64, districts: Set<String>, language: Language, t: (String, [String: String]) -> String)
        -> (Checked?, FormErrors)
    {
        var errors = FormErrors()
        func text(_ field: String, required: Bool = true, max: Int = Self.textMax, singleLine: Bool = false) -> String? {
            let (value, problem) = TextField.check(fields[field], required: required, maxLength: max, singleLine: singleLine)
            if let problem { errors.add(field, TextField.message(for: problem, maxLength: max) { t($0, [:]) }) }
            return value.isEmpty ? nil : value
        }
        let category = SupportApplication.Category(rawValue: fields["category"] ?? "")
        if category == nil { errors.add("category", t("fundhelp.apply.error.category", [:])) }
        let purpose = text("purpose")
        let cents = checkAmount(limitCents: limitCents, &errors, language: language, t: t)
        let urgency = SupportApplication.Urgency(rawValue: fields["urgency"] ?? "")
        if urgency == nil { errors.add("urgency", t("fundhelp.apply.error.urgency", [:])) }
        let noProvision = text("no_provision")
        let district = (fields["district"] ?? "").isEmpty ? nil : fields["district"]
        if let district, !districts.contains(district) { errors.add("district", t("fundhelp.apply.error.district", [:])) }
        let name = text("name", max: Self.nameMax, singleLine: true)
        // Arabic-Indic digits become 0–9 before anything is checked or stored (`Money.westernDigits`).
        let phone = text("phone", required: false, max: 40, singleLine: true).map(Money.westernDigits)
        if let phone, PersonKeys.phone(phone) == nil { errors.add("phone", t("fundhelp.apply.error.phone", [:])) }
        let email = text("email", required: false, max: EmailAddress.maxLength, singleLine: true)
        if let email, !EmailAddress.isValid(email) { errors.add("email", t("fundhelp.apply.error.email", [:])) }
        let viaReferrer = asReferrer && (fields["contact_referrer"] == "1" || (phone == nil && email == nil))
        if !asReferrer, phone == nil, email == nil, errors.fields["phone"] == nil, errors.fields["email"] == nil {
            errors.add("phone", t("fundhelp.apply.error.contact", [:]))
        }
        let iban = text("iban", required: false, max: 40, singleLine: true).map {
            Money.westernDigits($0).uppercased().filter { !$0.isWhitespace }
        }
        if let iban, !FundSettings.isValidIBAN(iban) { errors.add("iban", t("fundhelp.apply.error.iban", [:])) }
        let holder = text("account_holder", required: iban != nil, max: Self.nameMax, singleLine: true)
        let organisation = asReferrer ? text("organisation", max: Self.nameMax, singleLine: true) : nil
        let note = asReferrer ? text("note", required: false) : nil
        if fields["consent"] != "1" { errors.add("consent", t("fundhelp.apply.error.consent", [:])) }
        guard errors.isEmpty, let category, let purpose, let cents, let urgency, let noProvision, let name else { return (nil, errors) }
        let details = ApplicantDetails(
            phone: phone, email: email, purpose: purpose, noProvision: noProvision,
            contactBy: viaReferrer ? "referrer" : email != nil ? "email" : "phone", iban: iban, accountHolder: holder,
            referrerOrganisation: organisation, referrerNote: note)
        return (
            Checked(category: category, urgency: urgency, requestedCents: cents, district: district, name: name, details: details), errors
        )
    }

    private func checkAmount(limitCents: Int64, _ errors: inout FormErrors, language: Language, t: (String, [String: String]) -> String)
        -> Int64?
    {
        let typed = (fields["amount"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else {
            errors.add("amount", t("fundhelp.apply.error.amount_missing", [:]))
            return nil
        }
        guard !typed.hasPrefix("-"), let cents = Money.parseCents(typed) else {
            errors.add("amount", t("fundhelp.apply.error.amount_format", [:]))
            return nil
        }
        if cents <= 0 {
            errors.add("amount", t("fundhelp.apply.error.amount_format", [:]))
            return nil
        }
        if cents > limitCents {
            errors.add("amount", t("fundhelp.apply.error.amount_limit", ["max": Money.format(cents: limitCents, in: language)]))
            return nil
        }
        return cents
    }
}
