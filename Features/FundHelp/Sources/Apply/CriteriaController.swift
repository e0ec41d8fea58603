import Fluent
import KrachtCore
import Vapor

/// The published criteria: the version in force, its limits and promised response time, and the
/// earlier versions with their dates, in the visitor's language (Dutch where a text lacks one).
struct CriteriaController: RouteCollection {
    struct Criterion: Encodable {
        var title: String
        var explanation: String
    }
    struct Version: Encodable {
        var version: Int
        var from: String
        var until: String?
        var criteria: [Criterion]
        var limit: String
        var days: String
        var budget: String
        var response: String
    }
    struct Page: Encodable {
        var current: Version?
        var earlier: [Version]
        var applyPath = FundHelpPath.apply.path
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(FundHelpPath.criteria, use: show)
    }

    func show(req: Request) async throws -> Response {
        let current = try await CriteriaVersion.current(at: req.now, on: req.db)
        let all = try await CriteriaVersion.query(on: req.db).filter(\.$validFrom <= req.now).sort(\.$version, .descending).all()
        let page = Page(
            current: current.map { version(req, $0) }, earlier: all.filter { $0.version != current?.version }.map { version(req, $0) })
        return try await req.render("fundhelp/criteria", titleKey: "fundhelp.criteria.title", page)
    }

    private func version(_ req: Request, _ version: CriteriaVersion) -> Version {
        let code = req.language.rawValue
        return Version(
            version: version.version, from: AmsterdamTime.date(version.validFrom, in: req.language),
            until: version.validUntil.map { AmsterdamTime.date($0, in: req.language) },
            criteria: version.criteria.map {
                Criterion(
                    title: $0.title[code] ?? $0.title["nl"] ?? $0.key, explanation: $0.explanation[code] ?? $0.explanation["nl"] ?? "")
            },
            limit: Money.format(cents: version.perPersonLimitCents, in: req.language),
            days: req.t("fundhelp.criteria.days", count: version.perPersonDays),
            budget: Money.format(cents: version.monthlyBudgetCents, in: req.language),
            response: req.t("fundhelp.criteria.hours", count: version.responseHours))
    }
}
