import Foundation
import KrachtCore
import Vapor

/// Every address of the campaign and partner registers, declared once.
public enum CampaignsPath: SitePath {
    /// The public list of campaigns with their results.
    case list
    case campaign(Parameter<String>)
    case partners
    /// A partner's logo, served from Kracht itself.
    case logo(Parameter<String>)
    // coordinators
    case manage
    case new
    case edit(Parameter<UUID>)
    case delete(Parameter<UUID>)
    case managePartners
    case newPartner
    case editPartner(Parameter<UUID>)
    case deletePartner(Parameter<UUID>)
    case uploadLogo(Parameter<UUID>)
    case apiCampaigns
    case apiPartners

    public var components: [PathComponent] {
        switch self {
        case .list: ["campagnes"]
        case .campaign(let code): ["campagnes", code.component("code")]
        case .partners: ["partners"]
        case .logo(let file): ["partners", "logo", file.component("file")]
        case .manage: ["campagnes", "beheer"]
        case .new: ["campagnes", "beheer", "nieuw"]
        case .edit(let id): ["campagnes", "beheer", id.component("id")]
        case .delete(let id): ["campagnes", "beheer", id.component("id"), "verwijderen"]
        case .managePartners: ["partners", "beheer"]
        case .newPartner: ["partners", "beheer", "nieuw"]
        case .editPartner(let id): ["partners", "beheer", id.component("id")]
        case .deletePartner(let id): ["partners", "beheer", id.component("id"), "verwijderen"]
        case .uploadLogo(let id): ["partners", "beheer", id.component("id"), "logo"]
        case .apiCampaigns: ["api", "v1", "campaigns"]
        case .apiPartners: ["api", "v1", "partners"]
        }
    }
}
