import KrachtCore
import Vapor

/// Every address of the manifesto, declared once: the routes are registered from these values
/// and every link, redirect and mailed link is printed from them. Dutch, readable and stable.
public enum ManifestoPath: SitePath {
    /// The text and the form, with a campaign or partner code when there is one.
    case page(ref: String? = nil)
    case sign, thanks
    case confirm(Parameter<String>), followUp(Parameter<String>), withdraw(Parameter<String>)
    case versions, version(Parameter<Int>)
    case counter, poster(ref: String? = nil), api
    // coordinators
    case admin, adminVoid, adminPaper, adminExport, adminPublish
    /// The paper page after a list was recorded, naming that list (the route is `adminPaper`'s).
    case adminPaperRecorded(list: String)
    case adminCampaigns, adminCampaignsExport, adminCampaign(Parameter<String>)

    public var components: [PathComponent] {
        switch self {
        case .page: ["manifest"]
        case .sign: ["manifest", "ondertekenen"]
        case .thanks: ["manifest", "bedankt"]
        case .confirm(let token): ["manifest", "bevestigen", token.component("token")]
        case .followUp(let token): ["manifest", "doe-mee", token.component("token")]
        case .withdraw(let token): ["manifest", "intrekken", token.component("token")]
        case .versions: ["manifest", "versies"]
        case .version(let number): ["manifest", "versies", number.component("number")]
        case .counter: ["manifest", "teller"]
        case .poster: ["manifest", "poster"]
        case .api: ["api", "v1", "manifest"]
        case .admin: ["beheer", "manifest"]
        case .adminVoid: ["beheer", "manifest", "ongeldig"]
        case .adminPaper, .adminPaperRecorded: ["beheer", "manifest", "papier"]
        case .adminCampaigns: ["beheer", "manifest", "campagnes"]
        // A campaign code has no dot, so this can never be a campaign's page.
        case .adminCampaignsExport: ["beheer", "manifest", "campagnes", "cijfers.csv"]
        case .adminCampaign(let code): ["beheer", "manifest", "campagnes", code.component("code")]
        case .adminExport: ["beheer", "manifest", "export"]
        case .adminPublish: ["beheer", "manifest", "versie"]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .page(let ref?), .poster(let ref?): [("ref", ref)]
        case .adminPaperRecorded(let list): [("lijst", list)]
        default: []
        }
    }
}
