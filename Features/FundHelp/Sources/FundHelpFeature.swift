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
        let applicantPages = routes.grouped(OffersLanguages(Self.languages))
        try applicantPages.register(collection: ApplyController())
        try applicantPages.register(collection: StatusController())
        try applicantPages.register(collection: CriteriaController())
        try routes.register(collection: ReferrerController())
        try routes.register(collection: CommitteeController())
        try routes.register(collection: PayoutController())
        try routes.register(collection: SupportFiguresController())
    }
}
