import Fluent
import Vapor

/// The core's own registration: accounts, roles, mail outbox, jobs, rate limits, audit,
/// and the site-wide pages.
public struct CoreFeature: Feature {
    public let name = "core"
    public var viewsDirectory: String? { "Core/Views" }
    public var localesDirectory: String? { "Core/Locales" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [NavigationEntry(textKey: "admin.roles.nav", path: CorePath.adminRoles().path, role: .admin)]
    }

    public func migrations() -> [any Migration] {
        [
            CreateUsers(), CreateSessions(), CreateRoleGrants(), CreateAccountTokens(), CreateRateLimits(), CreateAuditEvents(),
            CreateOutboxMessages(), CreateJobs(), CreateWriteGate(),
        ]
    }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        try routes.register(collection: HomeController())
        try routes.register(collection: OpenDataController())
        try routes.register(collection: OpsController())
        try routes.register(collection: AccountController())
        try routes.register(collection: ProfileController())
        try routes.register(collection: AdminRolesController())
    }

    public func jobs() -> [JobDefinition] {
        [JobDefinition(kind: "retention.purge") { app, _ in try await RetentionPurge.run(app) }] + Accounts.jobs
    }

    public func scheduledJobs() -> [ScheduledJob] { [ScheduledJob(kind: "retention.purge", dailyAtHourUTC: 2)] }
}

/// Deletes what has outlived its purpose, daily: used and expired links, ended sessions, old
/// rate-limit windows, sent and failed mail, finished jobs, and each feature's own data.
public enum RetentionPurge {
    public static func run(_ app: Application) async throws {
        let now = app.clock.now()
        let month = now.addingTimeInterval(-30 * 86400)
        try await AccountToken.query(on: app.db).group(.or) { $0.filter(\.$expiresAt < now).filter(\.$usedAt != nil) }.delete()
        try await DatabaseSessions.purge(before: now, on: app.db)
        try await RateLimiter.purge(before: now.addingTimeInterval(-86400), on: app.db)
        try await OutboxDelivery.purge(before: month, on: app.db)
        try await JobWorker.purge(before: month, on: app.db)
        for feature in app.features { try await feature.purgeExpired(now: now, app: app) }
        app.logger.info("retention purge done")
    }
}
