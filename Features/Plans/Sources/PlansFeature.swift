import Fluent
import KrachtCore
import Vapor

/// Plans and calls to action: living documents in sections and activities that coordinators
/// publish as dated versions with a readable diff, and that residents react to, support, amend
/// and sign up for. Registered once in `App/Sources/Kracht.swift`.
public struct PlansFeature: Feature {
    public let name = "plans"
    public var viewsDirectory: String? { "Features/Plans/Views" }
    public var localesDirectory: String? { "Features/Plans/Locales" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "plans.nav", path: PlansPath.list.path),
            NavigationEntry(textKey: "plans.moderation.nav", path: PlansPath.moderation.path, role: .coordinator),
        ]
    }

    public func migrations() -> [any Migration] { [CreatePlanTables()] }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.makePlanFragments()
        // Each controller is its owner's (see the brief); the skeleton registers them all.
        try routes.register(collection: PlanPagesController())
        try routes.register(collection: PlanHistoryController())
        try routes.register(collection: PlanEditorController())
        try routes.register(collection: ReactionsController())
        try routes.register(collection: ModerationController())
        try routes.register(collection: ParticipationController())
        try routes.register(collection: SuggestionsController())
        try routes.register(collection: FollowController(app: app))
        try routes.register(collection: PlansAPIController())
    }

    /// Reactions, supporters, accepted suggestions and people signed up, for the dashboard.
    public func indicators() -> [Indicator] { PlanIndicators.all }

    /// Those who signed up to organise an activity of a published plan.
    public func activeOrganiserQueries() -> [String] { [PlanIndicators.activeOrganiserQuery] }

    public func jobs() -> [JobDefinition] { PlanDigest.jobs }

    public func scheduledJobs() -> [ScheduledJob] { PlanDigest.scheduled }

    /// Relative to /api/v1 (`PlansAPI`).
    public func openAPIPaths() -> [String: JSONValue] { PlansAPI.paths() }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await PlansPersonalData.export(of: user, on: app.db)
    }

    public func eraseData(of user: User, app: Application, on db: any Database) async throws {
        try await PlansPersonalData.erase(of: user, app: app, on: db)
    }

    public func purgeExpired(now: Date, app: Application) async throws {
        try await PlansRetention.purge(now: now, on: app.db)
    }

    /// Every counter against its rows; versions numbered without gaps.
    public func verify(app: Application) async throws -> [String] { try await PlansVerify.problems(on: app.db) }

    /// The seed's own plans: "Calls to Action" with its version log and the 2025 policy plan.
    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await PlansDemo.seed(app: app, people: people)
    }

    public func commands() -> [String: any AnyAsyncCommand] { ["plans": PlansCommand()] }
}
