import Fluent
import KrachtCore
import Vapor

/// The public dashboard (`/dashboard`) with its server-drawn SVG charts, and the printable
/// annual report (`/dashboard/jaarverslag/<year>`).
struct DashboardPages: Feature {
    let name = "dashboard-pages"

    func navigation() -> [NavigationEntry] { [NavigationEntry(textKey: "dashboard.nav", path: DashboardPath.dashboard.path)] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.makeDashboardPageCaches()
        try routes.register(collection: DashboardPagesController())
    }
}
