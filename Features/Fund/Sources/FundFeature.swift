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

    public func migrations() -> [any Migration] { [CreateFund()] }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        try routes.register(collection: GivingController())
        try routes.register(collection: FundCampaignController())
        try routes.register(collection: MollieController())
        try routes.register(collection: StatementController())
        try routes.register(collection: FundAdminController())
        try routes.register(collection: TransparencyController())
        try routes.register(collection: DonorController())
    }

    public func indicators() -> [Indicator] {
        [
            Indicator(key: "fund_donors", unit: "donors", headlineOrder: 2) { db in try await FundTotals.value(.donors, on: db) },
            Indicator(key: "fund_raised_cents", unit: "euro cents", headlineOrder: 3) { db in
                try await FundTotals.value(.raisedCents, on: db)
            },
        ]
    }

    public func verify(on db: any Database) async throws -> [String] {
        try await LedgerVerify.problems(on: db) + FundTotals.verify(on: db)
    }
}
