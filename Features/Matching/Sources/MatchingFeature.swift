import Fluent
import Initiatives
import KrachtCore
import Vapor

/// Matching residents and actions, explainably: a resident's profile (domains, skills, place,
/// free time, languages), the actions that fit them best with the reasons in words (`/voor-jou`),
/// what starts near them now (`/nu`), the findable residents who fit an organiser's action, a
/// weekly digest, and the Idealenkompas — ideas that couple residents to each other and become
/// initiatives under the flag. Registered once in `App/Sources/Kracht.swift`, after Initiatives.
public struct MatchingFeature: Feature {
    public let name = "matching"
    public var viewsDirectory: String? { "Features/Matching/Views" }
    public var localesDirectory: String? { "Features/Matching/Locales" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "matching.nav.for_you", path: MatchingPath.forYou.path),
            NavigationEntry(textKey: "matching.nav.ideas", path: MatchingPath.ideas().path),
        ]
    }

    public func migrations() -> [any Migration] { [CreateMatchingTables(), CreateIdeaSearch()] }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.skillReferences.append(SkillReference(table: ProfileSkill.schema, owner: "user_id"))
        app.initiativeDecisionHooks.append(IdeaDecision.hook(app))
        try routes.register(collection: ProfileController())
        try routes.register(collection: ForYouController())
        try routes.register(collection: CandidatesController())
        try routes.register(collection: IdeasController())
        try routes.register(collection: MessagesController())
        try routes.register(collection: DigestController(app: app))
    }

    /// The weekly digest (`WeeklyDigest`): enqueued daily, it mails only on its weekday.
    public func jobs() -> [JobDefinition] { WeeklyDigest.jobs }
    public func scheduledJobs() -> [ScheduledJob] { WeeklyDigest.schedule }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await MatchingPersonalData.export(of: user, on: app.db)
    }

    public func eraseData(of user: User, on db: any Database) async throws {
        try await MatchingPersonalData.erase(of: user, on: db)
    }

    public func purgeExpired(now: Date, app: Application) async throws {
        try await MatchingRetention.purge(now: now, on: app.db)
    }

    public func verify(app: Application) async throws -> [String] {
        try await MatchingVerify.problems(on: app.db)
    }

    /// `kracht initiatives fill` (the benchmark's data) and `kracht initiatives digest`.
    public func commands() -> [String: any AnyAsyncCommand] { ["initiatives": MatchingCommand()] }

    /// Profiles for the demo residents that give `/voor-jou` real matches, and ideas with supporters.
    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await MatchingDemo.seed(app: app, people: people)
    }
}
