import Fluent
import KrachtCore
import Vapor

/// The Solidarity Fund's money side: giving (Mollie, bank transfer, cash), campaigns, the
/// append-only ledger and the public account of every euro. Registered once in
/// `App/Sources/Kracht.swift`.
public struct FundFeature: GivingFeature {
    public let name = "fund"
    public var viewsDirectory: String? { "Features/Fund/Views" }
    public var localesDirectory: String? { "Features/Fund/Locales" }

    public init() {}

    public func givePath(campaign: String?) -> String { FundPath.give(campaign: campaign).path }

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "fund.nav", path: FundPath.home.path),
            NavigationEntry(textKey: "fund.admin.nav", path: FundPath.admin.path, role: .treasurer),
        ]
    }

    public func migrations() -> [any Migration] {
        [
            CreateFund(), CreateFundRefunds(), CreateStatements(), CreateAnnualStatementMailings(), AddGiftCheckoutURL(),
            AddStatementLinePaymentID(),
        ]
    }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        try FundSettings.check(environment: app.environment)
        try routes.register(collection: GivingController())
        try routes.register(collection: FundCampaignController())
        try routes.register(collection: MollieController(app: app))
        try routes.register(collection: StatementController(app: app))
        try routes.register(collection: FundAdminController())
        try routes.register(collection: TransparencyController(app: app))
        try routes.register(collection: DonorController())
    }

    public func indicators() -> [Indicator] {
        [
            Indicator(key: "fund_donors", unit: "donors", headlineOrder: 3) { db in try await FundTotals.value(.donors, on: db) },
            Indicator(key: "fund_raised_cents", unit: "euro cents", headlineOrder: 2) { db in
                try await FundTotals.value(.raisedCents, on: db)
            },
        ]
    }

    public func referrals() -> [Referral] { FundReferrals.all }
    public func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        try await FundAnnualReport.sections(year: year, app: app)
    }
    public func audiences() -> [Audience] { FundAudiences.all }

    public func callsToAction() -> [CallToAction] {
        [CallToAction(textKey: "fund.home.call_to_action", path: FundPath.give().path, order: 20, indicatorKey: "fund_raised_cents")]
    }

    /// The latest names on the fund's wall (as each donor chose to be shown).
    public func homeFeeds() -> [HomeFeed] {
        [
            HomeFeed(headingKey: "fund.home.feed_heading", order: 20, link: ("fund.home.feed_link", FundPath.wall.path)) { app in
                try await FundWall.homeFeed(app: app)
            }
        ]
    }

    /// Unpaid gifts expire and lose their donor's data; paid ones after 7 years (`GiftRetention`).
    public func purgeExpired(now: Date, app: Application) async throws {
        try await GiftRetention.purge(now: now, on: app.db)
        try await StatementRetention.purge(now: now, on: app.db)
    }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await FundPersonalData.export(of: user, sealer: app.sealer, on: app.db)
    }

    public func eraseData(of user: User, on db: any Database) async throws {
        try await FundPersonalData.erase(of: user, now: Date(), on: db)
    }

    public func jobs() -> [JobDefinition] {
        [
            JobDefinition(kind: MailAnnualStatements.kind) { app, _ in try await MailAnnualStatements.run(app) },
            CancelSubscriptionJob.definition(),
        ]
    }

    /// Daily; it mails only in January, each donor of last year once.
    public func scheduledJobs() -> [ScheduledJob] { [ScheduledJob(kind: MailAnnualStatements.kind, dailyAtHourUTC: 8)] }

    /// Relative to /api/v1: the transparency figures (`TransparencyController`).
    public func openAPIPaths() -> [String: JSONValue] { FundOpenAPI.paths() }

    /// `kracht fund import-statement FILE` and the other fund subcommands (`FundCommand`).
    public func commands() -> [String: any AnyAsyncCommand] { ["fund": FundCommand()] }

    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await FundDemo.seed(app: app, people: people)
    }

    public func verify(app: Application) async throws -> [String] {
        try await LedgerVerify.problems(on: app.db) + FundTotals.verify(on: app.db) + StatementVerify.problems(on: app.db)
    }
}
