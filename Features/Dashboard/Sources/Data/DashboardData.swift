import Fluent
import KrachtCore
import Vapor

/// The indicators' daily snapshots (a scheduled job), the targets per year that coordinators
/// edit, and the indicators' open data with their history (`/api/v1/indicators…`).
struct DashboardData: Feature {
    let name = "dashboard-data"

    func migrations() -> [any Migration] { [CreateDashboardTables()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
}
