import Fluent
import KrachtCore
import Vapor

/// The public dashboard (`/dashboard`) with its server-drawn SVG charts, and the printable
/// annual report (`/dashboard/jaarverslag/<year>`).
struct DashboardPages: Feature {
    let name = "dashboard-pages"

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
}
