import Foundation
import KrachtCore
import Vapor

/// What `/fonds/verantwoording` shows, in one language: the figures as words, charts and tables.
struct ReportPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var label: String
        var amount: String
    }
    struct Chart: Encodable, Sendable {
        var svg: String
        var table: DataTable
    }

    var raised, target: String
    var raisedCents, targetCents: Int64
    var donors, targetDonors: Int64
    var targetDonorsLabel: String
    var targetsYear: String
    var holds: [Line]
    var holdsTotal: String
    var owes: [Line]
    var owesTotal, available: String
    var moneyIn: Chart?
    var moneyOut: Chart?
    var paidOut: Bool
    var fees, refunds: String
    /// Event tickets sold, its own line beside the gifts; nil when none were.
    var ticketIncome: String?
    var support: SupportSection?
    var csvPath, apiPath, updated: String

    /// `support`: the fund's help in figures (Fund 2/2), from `Application.fundSupportSection`.
    static func make(_ figures: FundFigures, support: SupportSection? = nil, app: Application, language: Language) -> ReportPage {
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
        let label = { (key: String, fallback: String) in app.catalogue.has(key) ? t(key, [:]) : fallback }
        let source = { (name: String) in label("fund.report.source.\(name)", name) }
        let category = { (name: String) in label("fund.report.category.\(name)", name) }
        let monthNames = figures.months.map { ReportMonths.name($0.month, in: language) }
        let months = ReportMonths.short(figures.months.map(\.month), in: language)
        var moneyIn: Chart?
        if figures.months.contains(where: { $0.grossIn != 0 || $0.refunds != 0 }) {
            let svg = BarChart(
                id: "chart-in", title: t("fund.report.in.chart_title", [:]), description: t("fund.report.in.chart_desc", [:]),
                categories: months,
                series: figures.sources.map { name in .init(name: source(name), values: figures.months.map { $0.inBySource[name] ?? 0 }) },
                axisLabel: t("fund.report.axis_euro", [:]), format: { ReportMonths.wholeEuros($0, in: language) }
            ).svg
            let table = DataTable(
                id: "table-in", caption: t("fund.report.in.table_caption", [:]),
                columns: [t("fund.report.month", [:])] + figures.sources.map(source)
                    + [t("fund.report.refunds", [:]), t("fund.report.net_in", [:])],
                rows: zip(monthNames, figures.months).map { name, month in
                    .init(
                        header: name,
                        cells: figures.sources.map { money(month.inBySource[$0] ?? 0) } + [money(-month.refunds), money(month.netIn)])
                })
            moneyIn = Chart(svg: svg, table: table)
        }
        var moneyOut: Chart?
        if figures.months.contains(where: { $0.out != 0 }) {
            let names = figures.categories.map(category) + [t("fund.report.fees", [:])]
            let values =
                figures.categories.map { name in figures.months.map { $0.outByCategory[name] ?? 0 } } + [figures.months.map(\.fees)]
            let svg = BarChart(
                id: "chart-out", title: t("fund.report.out.chart_title", [:]), description: t("fund.report.out.chart_desc", [:]),
                categories: months, series: zip(names, values).map { .init(name: $0, values: $1) },
                axisLabel: t("fund.report.axis_euro", [:]), format: { ReportMonths.wholeEuros($0, in: language) }
            ).svg
            let table = DataTable(
                id: "table-out", caption: t("fund.report.out.table_caption", [:]),
                columns: [t("fund.report.month", [:])] + names + [t("fund.report.total", [:])],
                rows: figures.months.indices.map { index in
                    .init(header: monthNames[index], cells: values.map { money($0[index]) } + [money(figures.months[index].out)])
                })
            moneyOut = Chart(svg: svg, table: table)
        }
        let account = { (account: LedgerAccount, cents: Int64) in
            Line(label: label("fund.report.account.\(account.rawValue)", account.rawValue), amount: money(cents))
        }
        return ReportPage(
            raised: money(figures.raisedCents), target: figures.targetCents.map(money) ?? "",
            raisedCents: figures.raisedCents, targetCents: figures.targetCents ?? 0,
            donors: figures.donors, targetDonors: figures.targetDonors ?? 0,
            targetDonorsLabel: Money.group(figures.targetDonors ?? 0, separator: language.groupingSeparator),
            targetsYear: String(figures.targetsYear),
            holds: FundFigures.assetAccounts.map { account($0, figures.holds[$0] ?? 0) }, holdsTotal: money(figures.holdsTotal),
            owes: FundFigures.liabilityAccounts.map { account($0, figures.owes[$0] ?? 0) }, owesTotal: money(figures.owesTotal),
            available: money(figures.available), moneyIn: moneyIn, moneyOut: moneyOut, paidOut: figures.totalPaidOut != 0,
            fees: money(figures.totalFees), refunds: money(figures.totalRefunds),
            ticketIncome: figures.totalTicketIncome == 0 ? nil : money(figures.totalTicketIncome),
            support: support,
            csvPath: FundPath.reportCSV.path, apiPath: FundPath.apiMonths.path,
            updated: AmsterdamTime.date(figures.updated, in: language))
    }
}

/// Months as people read them.
enum ReportMonths {
    /// "maart 2026" / "March 2026".
    static func name(_ month: String, in language: Language) -> String {
        guard let date = date(month) else { return month }
        return AmsterdamTime.monthName(date, in: language)
    }

    /// "mrt 26" / "Mar 26": short enough to sit under a bar.
    static func short(_ months: [String], in language: Language) -> [String] {
        months.map { month in
            date(month).map { AmsterdamTime.format($0, "LLL yy", in: language).replacingOccurrences(of: ".", with: "") } ?? month
        }
    }

    /// "€ 1.000": the chart's axis needs no cents.
    static func wholeEuros(_ cents: Int64, in language: Language) -> String {
        let euros = Money.group(cents / 100, separator: language.groupingSeparator)
        return language == .nl ? "€ " + euros : "€" + euros
    }

    private static func date(_ month: String) -> Date? { AmsterdamTime.parseDay(month + "-15") }
}
