import Fluent
import KrachtCore
import Vapor

/// Stories (`/verhalen`): a photo stripped of its metadata, tags for domain and district, the
/// campaign it belongs to, and the consent of the people in it; withdrawn consent takes it offline.
struct Stories: Feature {
    let name = "stories"

    func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "stories.nav", path: StoriesPath.list().path),
            NavigationEntry(textKey: "stories.manage.nav", path: StoriesPath.manage.path, role: .coordinator),
        ]
    }

    func migrations() -> [any Migration] { [CreateStoryTables()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        try routes.register(collection: StoryController(uploadLimit: app.config.imageMaxBytes))
    }

    func indicators() -> [Indicator] { [StoriesData.indicator()] }
    func openAPIPaths() -> [String: JSONValue] { StoryController.openAPIPaths() }
    func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        try await StoriesData.annualReport(year: year, app: app)
    }
    func exportData(of user: User, app: Application) async throws -> JSONValue? { try await StoriesData.export(of: user, app: app) }
    func eraseData(of user: User, on db: any Database) async throws { try await StoriesData.erase(of: user, on: db) }
    func purgeExpired(now: Date, app: Application) async throws { try await StoriesData.purge(now: now, app: app) }
    func verify(app: Application) async throws -> [String] { try await StoriesData.verify(app: app) }
    func seedDemo(app: Application, people: DemoPeople) async throws { try await StoriesDemo.seed(app: app, people: people) }
}
