import Fluent
import KrachtCore
import Vapor

/// The indicators' daily snapshots (a scheduled job), the targets per year that coordinators
/// edit, and the indicators' open data with their history (`/api/v1/indicators…`).
///
/// Retention: snapshots are counts, nothing personal, and kept for good (the trend lines and
/// the annual reports need every year), so `purgeExpired` deletes nothing.
struct DashboardData: Feature {
    let name = "dashboard-data"

    func navigation() -> [NavigationEntry] {
        [NavigationEntry(textKey: "dashboard.targets.nav", path: DashboardPath.targets().path, role: .coordinator)]
    }

    func migrations() -> [any Migration] { [CreateDashboardTables()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        // The home page, /open-data, the dashboard and the API all measure against the
        // coordinators' targets of the current target year (`DashboardTargets`).
        app.makeDashboardDataCaches()
        app.indicatorTargets = { app in try await DashboardTargets.current(app: app) }
        try routes.register(collection: DashboardDataController())
    }

    func openAPIPaths() -> [String: JSONValue] { DashboardAPI.paths() }

    func jobs() -> [JobDefinition] { TakeSnapshots.jobs }
    func scheduledJobs() -> [ScheduledJob] { TakeSnapshots.scheduled }
    func commands() -> [String: any AnyAsyncCommand] { ["dashboard": DashboardCommand()] }

    /// The targets a person set, without the figures (which belong to the movement).
    func exportData(of user: User, app: Application) async throws -> JSONValue? {
        let id = try user.requireID()
        let rows = try await DashboardTarget.query(on: app.db).filter(\.$updatedBy == id).sort(\.$year).sort(\.$key).all()
        guard !rows.isEmpty else { return nil }
        return .object(["targetsLastSetBy": .array(rows.map { .string("\($0.year) \($0.key)") })])
    }

    func eraseData(of user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await DashboardTarget.query(on: db).filter(\.$updatedBy == id).set(\.$updatedBy, to: nil).update()
    }

    func verify(app: Application) async throws -> [String] { try await DashboardVerify.problems(app: app) }

    func seedDemo(app: Application, people: DemoPeople) async throws { try await DashboardDataDemo.seed(app: app, people: people) }
}
