import Foundation
import KrachtCore
import Vapor

/// How the dashboard and the annual report write an indicator in one language: its name, its
/// numbers (euros from cents, digits grouped), its days and its months.
struct DashboardWords: Sendable {
    let app: Application
    let language: Language

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { app.catalogue.text(key, in: language, arguments) }

    /// The indicator's name: its feature's `indicator.<key>` text, else the dashboard's own
    /// `dashboard.plan.<key>` (for a plan indicator no feature present registers), else the key.
    func name(_ key: String) -> String {
        let text =
            app.catalogue.has("indicator.\(key)")
            ? app.catalogue.text("indicator.\(key)", in: language, count: 2)
            : app.catalogue.has("dashboard.plan.\(key)") ? t("dashboard.plan.\(key)") : key
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    func number(_ value: Int64, unit: String) -> String {
        unit == "euro cents" ? Money.format(cents: value, in: language) : Money.group(value, separator: language.groupingSeparator)
    }

    /// A chart's tick: whole euros, without cents.
    func tick(_ value: Int64, unit: String) -> String {
        guard unit == "euro cents" else { return Money.group(value, separator: language.groupingSeparator) }
        let euros = Money.group(value / 100, separator: language.groupingSeparator)
        return language == .nl ? "€ " + euros : "€" + euros
    }

    /// "3 mrt 2026".
    func day(_ day: String) -> String {
        AmsterdamTime.parseDay(day).map { AmsterdamTime.format($0, "d MMM yyyy", in: language) } ?? day
    }

    /// "maart 2026" for `2026-03`.
    func month(_ month: String) -> String {
        AmsterdamTime.parseDay(month + "-15").map { AmsterdamTime.monthName($0, in: language) } ?? month
    }

    /// "42%" (nl and en alike).
    func percent(_ value: Int) -> String { t("dashboard.percent", ["percent": String(value)]) }

    /// The way to a year's target as a bar named after the indicator and described in words
    /// (value and target as written on the page), with the whole percent it shows.
    func progress(id: String, name: String, value: Int64, shown: String, target: Int64, targetShown: String, year: Int) -> (
        percent: Int, svg: String
    ) {
        let percent = ProgressBar.percent(value, of: target)
        let svg = ProgressBar(
            id: id, title: t("dashboard.progress_title", ["name": name]),
            description: t(
                "dashboard.progress_desc", ["value": shown, "target": targetShown, "year": String(year), "percent": String(percent)]),
            value: value, target: target, percentLabel: self.percent(percent)
        ).svg
        return (percent, svg)
    }
}
