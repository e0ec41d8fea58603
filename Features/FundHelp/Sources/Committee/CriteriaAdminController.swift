import Fluent
import KrachtCore
import Vapor

/// The committee's criteria: the version in force and a form for the next, prefilled from it.
struct CriteriaAdminController: RouteCollection {
    struct Text: Encodable {
        var language, languageName, dir, titleName, titleValue, explanationName, explanationValue: String
        var titleError, explanationError: String?
    }
    struct Criterion: Encodable {
        var key, title: String
        var texts: [Text]
    }
    struct Page: Encodable {
        var version: Int
        var validFrom, limit, budget: String
        var days, hours: Int
        var criteria: [Criterion]
        var form: [String: String]
        var errors = FormErrors()
        var hasErrors = false
        var path = FundHelpPath.adminCriteria.path
    }

    func boot(routes: any RoutesBuilder) throws {
        let committee = routes.access(.role(.fundCommittee))
        committee.get(FundHelpPath.adminCriteria, use: show)
        committee.post(FundHelpPath.adminCriteria, use: publish)
    }

    func show(req: Request) async throws -> Response { try await render(req, typed: nil) }

    func publish(req: Request) async throws -> Response {
        let fields = req.formFields() ?? FormFields()
        let typed = Dictionary(
            fields.pairs.filter { $0.name != "_csrf" }.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        switch try await PublishCriteria(app: req.application).run(.init(fields: typed), by: try req.requireUser(), language: req.language)
        {
        case .published: return Flash.redirect(req, to: FundHelpPath.adminCriteria, messageKey: "fundhelp.criteria_admin.published")
        case .invalid(let errors): return try await render(req, typed: typed, errors: errors)
        }
    }

    func render(_ req: Request, typed: [String: String]?, errors: FormErrors? = nil) async throws -> Response {
        guard let current = try await CriteriaVersion.current(at: req.application.clock.now(), on: req.db) else { throw Abort(.notFound) }
        let latest = try await CriteriaVersion.query(on: req.db).sort(\.$version, .descending).first() ?? current
        let euros = { (cents: Int64) in Money.format(cents: cents, in: req.language) }
        var form =
            typed ?? [
                "limit": String(latest.perPersonLimitCents / 100), "days": String(latest.perPersonDays),
                "budget": String(latest.monthlyBudgetCents / 100), "hours": String(latest.responseHours),
                "valid_from": AmsterdamTime.day(req.application.clock.now()),
            ]
        let criteria = latest.criteria.map { criterion in
            Criterion(
                key: criterion.key, title: criterion.title[req.language.rawValue] ?? criterion.key,
                texts: FundHelpFeature.languages.map { language in
                    let code = language.rawValue
                    let (titleName, explanationName) = ("title-\(criterion.key)-\(code)", "explanation-\(criterion.key)-\(code)")
                    if typed == nil {
                        form[titleName] = criterion.title[code] ?? ""
                        form[explanationName] = criterion.explanation[code] ?? ""
                    }
                    return Text(
                        language: code, languageName: req.application.catalogue.text("language.name", in: language),
                        dir: req.application.catalogue.text("language.dir", in: language), titleName: titleName,
                        titleValue: form[titleName] ?? "", explanationName: explanationName, explanationValue: form[explanationName] ?? "",
                        titleError: errors?.fields[titleName], explanationError: errors?.fields[explanationName])
                })
        }
        var page = Page(
            version: current.version, validFrom: AmsterdamTime.date(current.validFrom, in: req.language),
            limit: euros(current.perPersonLimitCents), budget: euros(current.monthlyBudgetCents), days: current.perPersonDays,
            hours: current.responseHours, criteria: criteria, form: form)
        if let errors {
            page.errors = errors
            page.hasErrors = !errors.isEmpty
        }
        return try await req.render(
            "fundhelp/committee/criteria", titleKey: "fundhelp.criteria_admin.title", page, status: errors == nil ? .ok : .badRequest,
            errors: errors)
    }
}
