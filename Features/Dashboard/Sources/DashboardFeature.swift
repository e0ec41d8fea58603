import Fluent
import KrachtCore
import Vapor

/// The movement's progress against the plan's targets: the public dashboard with its charts
/// (`DashboardPages`), the annual report, and the indicators' daily history, editable targets
/// and open data (`DashboardData`). Registered once in `App/Sources/Kracht.swift`.
public struct DashboardFeature: FeatureGroup {
    public let name = "dashboard"
    public var viewsDirectory: String? { "Features/Dashboard/Views" }
    public var localesDirectory: String? { "Features/Dashboard/Locales" }
    public var parts: [any Feature] { [DashboardData(), DashboardPages()] }

    public init() {}
}
