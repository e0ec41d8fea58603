import Fund
import KrachtCore
import Vapor

/// The fund's help in open data: `GET /api/v1/fund/support` (described by `SupportFiguresAPI`),
/// and its section on the fund's transparency page, handed to Fund at start. Both read the same
/// figures through a cache of two seconds, and both show only what `SupportFigures.shown` allows.
struct SupportFiguresController: RouteCollection {
    init(app: Application) {
        app.makeSupportFiguresCache()
        app.fundSupportSection = { language in
            let figures = try await app.readSupportFigures()
            return figures.total.applications == 0 ? nil : SupportReportSection.make(figures, app: app, language: language)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(FundHelpPath.apiFigures, use: api)
    }

    func api(req: Request) async throws -> Response {
        let body = SupportFiguresAPI.body(try await req.application.readSupportFigures(), app: req.application)
        let response = try await body.encodeResponse(for: req)
        // Open data: the same for everyone, briefly cacheable (`OpenDataMiddleware` opens it to any site).
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }
}

/// The table and notes on `/fonds/verantwoording`, in the reader's language.
enum SupportReportSection {
    static func make(_ figures: SupportFigures, app: Application, language: Language) -> SupportSection {
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        let fewer = t("fundhelp.figures.fewer_than", ["count": String(SmallCount.threshold)])
        let hidden = t("fundhelp.figures.hidden", [:])
        let count = { (n: Int64?) in n.map { Money.group($0, separator: language.groupingSeparator) } ?? fewer }
        let money = { (cents: Int64?) in cents.map { Money.format(cents: $0, in: language) } ?? hidden }
        let cells = { (group: SupportFigures.Shown) in
            [count(group.applications), count(group.granted), count(group.declined), count(group.referred)]
                + [money(group.askedCents), money(group.grantedCents), money(group.paidCents)]
        }
        let shown = figures.shown()
        let rows = SupportApplication.Category.allCases.map { category in
            DataTable.Row(header: t("fundhelp.category.\(category.rawValue)", [:]), cells: cells(shown.byCategory[category]!))
        }
        let columns = ["category", "applications", "granted", "declined", "referred", "asked", "granted_amount", "paid"]
        let table = DataTable(
            id: "table-support", caption: t("fundhelp.figures.caption", [:]),
            columns: columns.map { t("fundhelp.figures.column.\($0)", [:]) },
            rows: rows + [DataTable.Row(header: t("fundhelp.figures.total", [:]), cells: cells(shown.total))])
        let days = { (value: Double) in
            let text = String(format: "%.1f", value)
            return language.groupingSeparator == "," ? text : text.replacingOccurrences(of: ".", with: ",")
        }
        var notes: [String] = []
        if let decision = figures.medianDaysToDecision {
            notes.append(t("fundhelp.figures.median_decision", ["days": days(decision)]))
            if let payout = figures.medianDaysToPayout { notes.append(t("fundhelp.figures.median_payout", ["days": days(payout)])) }
        } else {
            notes.append(t("fundhelp.figures.median_later", ["count": String(SmallCount.threshold)]))
        }
        return SupportSection(table: table, notes: notes)
    }
}
