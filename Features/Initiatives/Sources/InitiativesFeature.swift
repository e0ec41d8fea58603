import Fluent
import KrachtCore
import Vapor

/// Initiatives and their actions: residents find where they fit and start something; organisers
/// run their initiative, its actions and who joins; coordinators approve new initiatives, merge
/// skills and moderate appreciations; volunteer hours give each initiative its social value and
/// the public its ranking. Matching residents to actions is the `Matching` feature, on top.
/// Registered once in `App/Sources/Kracht.swift`.
public struct InitiativesFeature: Feature {
    public let name = "initiatives"
    public var viewsDirectory: String? { "Features/Initiatives/Views" }
    public var localesDirectory: String? { "Features/Initiatives/Locales" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "initiatives.nav", path: InitiativesPath.browse().path),
            NavigationEntry(textKey: "initiatives.admin.nav", path: InitiativesPath.adminQueue.path, role: .coordinator),
        ]
    }

    public func migrations() -> [any Migration] { [CreateInitiativeTables(), CreateInitiativeSearch()] }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.skillReferences.append(SkillReference(table: ActionSkill.schema, owner: "action_id"))
        try routes.register(collection: InitiativePagesController())
        try routes.register(collection: InitiativeAdminController())
        try routes.register(collection: InitiativesAPIController())
        try routes.register(collection: ActionController())
        try routes.register(collection: FollowAndAppreciationController())
        try routes.register(collection: SkillAdminController())
        try routes.register(collection: HoursController())
        try routes.register(collection: RankingController())
    }

    /// Initiatives, under the flag, people connected, active organisers, volunteer hours and their value.
    public func indicators() -> [Indicator] { InitiativeIndicators.all.map(InitiativeDistricts.adding) }

    public func activeOrganiserQueries() -> [String] { [InitiativeIndicators.activeOrganiserQuery] }

    public func callsToAction() -> [CallToAction] { InitiativeIndicators.callsToAction }

    /// Relative to /api/v1 (`InitiativesAPI`).
    public func openAPIPaths() -> [String: JSONValue] { InitiativesAPI.paths() }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await InitiativesPersonalData.export(of: user, on: app.db)
    }

    public func eraseData(of user: User, on db: any Database) async throws {
        try await InitiativesPersonalData.erase(of: user, on: db)
    }

    public func purgeExpired(now: Date, app: Application) async throws {
        try await InitiativesRetention.purge(now: now, on: app.db)
    }

    /// The counters against their tables, the search index against the public initiatives.
    public func verify(app: Application) async throws -> [String] {
        try await InitiativesVerify.problems(on: app.db)
    }

    /// 40+ Amsterdam initiatives across every district and domain, with actions, joins and hours.
    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await InitiativesDemo.seed(app: app, people: people)
    }
}
