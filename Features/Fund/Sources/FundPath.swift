import KrachtCore
import Vapor

/// Every address of the Solidarity Fund, declared once: routes are registered from these values
/// and every link, redirect and mailed link is printed from them.
public enum FundPath: SitePath {
    // giving
    /// What the fund is, what it has raised and how to give.
    case home
    /// The giving form (GET) and its post, credited to a campaign when there is one.
    case give(campaign: String? = nil)
    /// How to pay a gift by bank transfer: IBAN, amount, reference and the EPC QR code.
    case transfer(Parameter<String>)
    case transferQR(Parameter<String>)
    /// Where Mollie returns the donor to: the gift's status.
    case thanks(Parameter<String>)
    case wall
    case campaigns, campaign(Parameter<String>)
    /// Mollie's webhook: only a hint, the status is fetched from Mollie.
    case mollieWebhook
    // donors
    case myGifts, stopMonthly(Parameter<UUID>)
    /// A monthly gift stopped from the link in its mails, without an account.
    case stopMonthlyByLink(Parameter<String>)
    case annualStatement(year: Parameter<Int>)
    case annualStatementByLink(Parameter<String>)
    // transparency
    case report, reportCSV
    case apiSummary, apiMonths, apiCampaigns
    // treasurer
    case admin, adminGift(Parameter<UUID>), adminRefund(Parameter<UUID>)
    case adminImport, adminQueue, adminQueueLine(Parameter<UUID>)
    case adminCash
    case adminCampaigns, adminCampaign(Parameter<String>)

    public var components: [PathComponent] {
        switch self {
        case .home: ["fonds"]
        case .give: ["fonds", "doneren"]
        case .transfer(let token): ["fonds", "overmaken", token.component("token")]
        case .transferQR(let token): ["fonds", "overmaken", token.component("token"), "qr.svg"]
        case .thanks(let token): ["fonds", "bedankt", token.component("token")]
        case .wall: ["fonds", "muur"]
        case .campaigns: ["fonds", "campagnes"]
        case .campaign(let slug): ["fonds", "campagnes", slug.component("slug")]
        case .mollieWebhook: ["fonds", "mollie", "webhook"]
        case .myGifts: ["fonds", "mijn-giften"]
        case .stopMonthly(let id): ["fonds", "mijn-giften", id.component("id"), "stoppen"]
        case .stopMonthlyByLink(let token): ["fonds", "maandgift", token.component("token"), "stoppen"]
        case .annualStatement(let year): ["fonds", "jaaroverzicht", year.component("year")]
        case .annualStatementByLink(let token): ["fonds", "jaaroverzicht", "link", token.component("token")]
        case .report: ["fonds", "verantwoording"]
        case .reportCSV: ["fonds", "verantwoording.csv"]
        case .apiSummary: ["api", "v1", "fund", "summary"]
        case .apiMonths: ["api", "v1", "fund", "months"]
        case .apiCampaigns: ["api", "v1", "fund", "campaigns"]
        case .admin: ["beheer", "fonds"]
        case .adminGift(let id): ["beheer", "fonds", "giften", id.component("id")]
        case .adminRefund(let id): ["beheer", "fonds", "giften", id.component("id"), "terugbetalen"]
        case .adminImport: ["beheer", "fonds", "afschrift"]
        case .adminQueue: ["beheer", "fonds", "wachtrij"]
        case .adminQueueLine(let id): ["beheer", "fonds", "wachtrij", id.component("id")]
        case .adminCash: ["beheer", "fonds", "contant"]
        case .adminCampaigns: ["beheer", "fonds", "campagnes"]
        case .adminCampaign(let slug): ["beheer", "fonds", "campagnes", slug.component("slug")]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .give(let campaign?): [("campagne", campaign)]
        default: []
        }
    }
}
