import Foundation
import KrachtCore
import Vapor

/// Every address of the dashboard, declared once.
public enum DashboardPath: SitePath {
    case dashboard
    /// One indicator: its history as a chart and a table, its districts.
    case indicator(Parameter<String>)
    case annualReport(Parameter<Int>)
    /// The latest year's report (a redirect).
    case annualReports
    // coordinators: the targets per year (`jaar`)
    case targets(year: Int? = nil)
    case saveTargets
    // open data
    /// What `/api/v1` holds: every dataset of every feature, in one list.
    case apiIndex
    case apiHistory(Parameter<String>)
    case apiHistoryCSV(Parameter<String>)
    case apiTargets

    public var components: [PathComponent] {
        switch self {
        case .dashboard: ["dashboard"]
        case .indicator(let key): ["dashboard", "indicator", key.component("key")]
        case .annualReport(let year): ["dashboard", "jaarverslag", year.component("year")]
        case .annualReports: ["dashboard", "jaarverslag"]
        case .targets, .saveTargets: ["dashboard", "doelen"]
        case .apiIndex: ["api", "v1"]
        case .apiHistory(let key): ["api", "v1", "indicators", key.component("key"), "history"]
        case .apiHistoryCSV(let key): ["api", "v1", "indicators", key.component("key"), "history.csv"]
        case .apiTargets: ["api", "v1", "targets"]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .targets(let year?): [("jaar", String(year))]
        default: []
        }
    }
}
