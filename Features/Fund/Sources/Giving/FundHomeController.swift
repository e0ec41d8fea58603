import Fluent
import KrachtCore
import Vapor

/// The fund's front page (what it is, what it raised, how to give) and its public wall.
struct FundHomeController: RouteCollection {
    struct Figure: Encodable {
        var value: String
        var target: String
        var percent: Int
    }

    struct CampaignRow: Encodable {
        var title, path, adminPath, raised, goal: String
        var percent: Int
        var deadline: String?
    }

    struct HomePage: Encodable {
        var raised: Figure
        var donors: Figure
        var donorCount: Int
        var targetLabel: String
        var campaigns: CampaignList
        var wall: FundWall.Page
    }

    /// What `fund/campaign-list.leaf` shows.
    struct CampaignList: Encodable {
        var rows: [CampaignRow]
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundPath.home, use: home).cachedForAnonymous()
        open.get(FundPath.wall, use: wall)
    }

    func home(req: Request) async throws -> Response {
        let targets = req.application.reference.targets
        let raised = try await FundTotals.value(.raisedCents, on: req.db)
        let donors = try await FundTotals.value(.donors, on: req.db)
        let raisedTarget = targets["fund_raised_cents"] ?? 0, donorTarget = targets["fund_donors"] ?? 0
        let separator = req.language.groupingSeparator
        let page = HomePage(
            raised: Figure(
                value: Money.format(cents: raised, in: req.language), target: Money.format(cents: raisedTarget, in: req.language),
                percent: Self.percent(raised, of: raisedTarget)),
            donors: Figure(
                value: Money.group(donors, separator: separator), target: Money.group(donorTarget, separator: separator),
                percent: Self.percent(donors, of: donorTarget)),
            donorCount: Int(donors), targetLabel: req.targetLabel(),
            campaigns: CampaignList(rows: try await Self.campaignRows(req, running: true)),
            wall: FundWall.Page(entries: try await FundWall.page(1, language: req.language, size: 5, on: req.db).entries, page: 1))
        return try await req.render("fund/home", titleKey: "fund.home.title", page)
    }

    func wall(req: Request) async throws -> Response {
        let page = try await FundWall.page(req.queryInt("pagina") ?? 1, language: req.language, on: req.db)
        return try await req.render("fund/wall", titleKey: "fund.wall.title", page)
    }

    static func percent(_ value: Int64, of target: Int64) -> Int {
        guard target > 0 else { return 0 }
        return Int(min(100, max(0, value) * 100 / target))
    }

    /// The running campaigns (or the closed ones), soonest deadline first.
    static func campaignRows(_ req: Request, running: Bool) async throws -> [CampaignRow] {
        let all = try await FundCampaign.query(on: req.db).sort(\.$createdAt, .descending).all()
        return all.filter { $0.isOpen(at: req.now) == running }
            .sorted { ($0.deadline ?? "9999") < ($1.deadline ?? "9999") }
            .map { campaign in
                CampaignRow(
                    title: campaign.title, path: FundPath.campaign(.value(campaign.slug)).path,
                    adminPath: FundPath.adminCampaign(.value(campaign.slug)).path,
                    raised: Money.format(cents: campaign.raisedCents, in: req.language),
                    goal: Money.format(cents: campaign.goalCents, in: req.language), percent: campaign.percent,
                    deadline: campaign.deadline.flatMap(AmsterdamTime.parseDay).map { AmsterdamTime.date($0, in: req.language) })
            }
    }
}
