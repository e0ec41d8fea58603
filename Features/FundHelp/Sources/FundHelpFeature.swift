import Fluent
import Fund
import KrachtCore
import Vapor

/// The Solidarity Fund's help: Amsterdammers in acute need ask for help in their own language
/// (alone or through a referrer), the committee assesses each case on published criteria and
/// grants with four eyes, the treasurer pays out through the fund's ledger, and what applicants
/// tell the fund stays sealed, logged on every read and erased after its retention period.
/// Registered once in `App/Sources/Kracht.swift`.
public struct FundHelpFeature: HelpFeature {
    public let name = "fund-help"
    public var viewsDirectory: String? { "Features/FundHelp/Views" }
    public var localesDirectory: String? { "Features/FundHelp/Locales" }
    public var helpPath: String { FundHelpPath.apply.path }

    /// The languages of the applicant's pages and mail: a language is one more `Locales/<code>.json`
    /// here and in Core, and a case in `Language`.
    public static let languages = Language.allCases

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "fundhelp.nav.queue", path: FundHelpPath.queue().path, role: .fundCommittee),
            NavigationEntry(textKey: "fundhelp.nav.payouts", path: FundHelpPath.payouts.path, role: .treasurer),
            NavigationEntry(textKey: "fundhelp.nav.referrer", path: FundHelpPath.referrerCases.path, role: .referrer),
        ]
    }

    public func migrations() -> [any Migration] { [CreateSupportTables(), SeedFirstCriteria()] }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.fundSealer = try ApplicantVault.sealer(
            configured: Environment.get("KRACHT_FUND_KEY"), environment: app.environment, secret: app.config.secretKey)
        // A statement's debit or return with a payout's end-to-end id books that payout.
        app.statementPayoutHandlers = [PayoutStatementHandler.handler(app: app)]
        app.streamedUploadPaths.formUnion(ApplyController.uploadPaths)
        let applicantPages = routes.grouped(OffersLanguages(Self.languages))
        try applicantPages.register(collection: ApplyController())
        try applicantPages.register(collection: StatusController())
        try applicantPages.register(collection: CriteriaController())
        try routes.register(collection: ReferrerController())
        try routes.register(collection: CommitteeController())
        try routes.register(collection: PayoutController())
        try routes.register(collection: SupportFiguresController(app: app))
    }

    /// Anonymous counts for the dashboard; a count under 5 reads 0 here (`SupportIndicators`).
    public func indicators() -> [Indicator] { SupportIndicators.all }
    public func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        try await FundHelpAnnualReport.sections(year: year, app: app)
    }

    /// Relative to /api/v1: the help's anonymous figures (`SupportFiguresAPI`).
    public func openAPIPaths() -> [String: JSONValue] { SupportFiguresAPI.paths() }

    /// A case's personal data is erased `retentionDays` after it closes (`FundHelpRetention`).
    public func purgeExpired(now: Date, app: Application) async throws {
        try await FundHelpRetention.purge(now: now, app: app)
    }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await FundHelpPersonalData.export(of: user, on: app.db)
    }

    public func eraseData(of user: User, on db: any Database) async throws {
        try await FundHelpPersonalData.erase(of: user, on: db)
    }

    /// The ledger links, erasures, payouts, and the documents' files in the data folder.
    public func verify(app: Application) async throws -> [String] {
        try await FundHelpVerify.problems(app: app)
    }

    /// `kracht fund rotate-key` and the other subcommands (`FundHelpCommand`).
    public func commands() -> [String: any AnyAsyncCommand] { ["fund": FundHelpCommand()] }

    /// Cases in every state, through the real commands, after the fund's gifts (`FundHelpDemo`).
    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await FundHelpDemo.seed(app: app, people: people)
    }
}
