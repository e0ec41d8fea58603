import KrachtCore
import Vapor

/// The application form as `fundhelp/apply.leaf` shows it: fresh, or refilled with its problems
/// (files are never kept between posts: they are chosen again).
struct ApplyPage: Encodable {
    struct Choice: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    var values: [String: String]
    var errors = FormErrors()
    var categories: [Choice]
    var urgencies: [Choice]
    var districts: [Choice]
    var asReferrer: Bool
    var contactReferrer: Bool
    var consent: Bool
    /// The most one person may ask for under the current criteria, formatted; nil without criteria.
    var limit: String?
    var maxDocuments: Int
    var maxMegabytes: Int
    /// How long the data is kept after the case closes, in words.
    var retention: String
    var formID: String
    /// The form's action: a streamed upload takes its form token from the query, not the body.
    var action: String
    var criteriaPath = FundHelpPath.criteria.path

    static func make(_ req: Request, form: ApplyForm?, limitCents: Int64?, asReferrer: Bool) -> ApplyPage {
        let fields = form?.fields ?? [:]
        let settings = req.application.fundHelpSettings
        var values: [String: String] = [:]
        for name in ["purpose", "amount", "no_provision", "name", "phone", "email", "iban", "account_holder", "organisation", "note"] {
            values[name] = fields[name] ?? ""
        }
        let categories = SupportApplication.Category.allCases.map {
            Choice(value: $0.rawValue, label: req.t("fundhelp.category.\($0.rawValue)"), checked: fields["category"] == $0.rawValue)
        }
        let urgencies = SupportApplication.Urgency.allCases.map {
            Choice(value: $0.rawValue, label: req.t("fundhelp.urgency.\($0.rawValue)"), checked: fields["urgency"] == $0.rawValue)
        }
        let districts = req.application.reference.districts.map {
            Choice(value: $0.code, label: $0.name, checked: fields["district"] == $0.code)
        }
        return ApplyPage(
            values: values, categories: categories, urgencies: urgencies, districts: districts, asReferrer: asReferrer,
            contactReferrer: fields["contact_referrer"] == "1", consent: fields["consent"] == "1",
            limit: limitCents.map { Money.format(cents: $0, in: req.language) }, maxDocuments: settings.maxDocuments,
            maxMegabytes: settings.maxDocumentBytes / (1024 * 1024),
            retention: req.t("fundhelp.apply.privacy_retention", ["days": req.t("fundhelp.criteria.days", count: settings.retentionDays)]),
            formID: fields["form_id"].flatMap { (20...64).contains($0.count) ? $0 : nil } ?? SecureToken.make(),
            action: FundHelpPath.apply.path + "?_csrf=" + req.csrfToken + "#" + FormErrors.summaryAnchor)
    }
}
