import Fluent
import KrachtCore
import Vapor

/// The movement's campaigns (storytelling, media, fundraising, signing) with their `ref` codes
/// and the results every feature attributes to them, and the register of partner organisations.
/// This register groups the codes of every feature: the manifesto's own campaign codes (posters,
/// links), the fund's campaign slugs, and `?ref=` codes on event and newsletter links.
struct Campaigns: Feature {
    let name = "campaigns"

    func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "campaigns.manage.nav", path: CampaignsPath.manage.path, role: .coordinator),
            NavigationEntry(textKey: "partners.manage.nav", path: CampaignsPath.managePartners.path, role: .coordinator),
        ]
    }

    func migrations() -> [any Migration] { [CreateCampaignRegister()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        // In the footer, not the crowded header: the registers are for the curious and for partners.
        app.footerLinks.append(NavigationEntry(textKey: "campaigns.nav", path: CampaignsPath.list.path))
        app.footerLinks.append(NavigationEntry(textKey: "partners.nav", path: CampaignsPath.partners.path))
        try routes.register(collection: CampaignController())
        try routes.register(collection: PartnerController(uploadLimit: app.config.imageMaxBytes))
        try routes.register(collection: CampaignsAPIController())
    }

    func indicators() -> [Indicator] { CampaignsData.indicators }

    func openAPIPaths() -> [String: JSONValue] { CampaignsAPIController.paths() }

    func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        try await CampaignsData.annualReport(year: year, app: app)
    }

    func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await CampaignsData.export(of: user, on: app.db)
    }

    func eraseData(of user: User, on db: any Database) async throws {
        try await CampaignsData.erase(of: user, on: db)
    }

    func purgeExpired(now: Date, app: Application) async throws {
        try await CampaignsData.purgeLogos(app: app)
    }

    func verify(app: Application) async throws -> [String] { try await CampaignsData.verify(app: app) }

    func seedDemo(app: Application, people: DemoPeople) async throws {
        try await CampaignsDemo.seed(app: app, people: people)
    }
}
