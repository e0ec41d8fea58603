import Foundation
import KrachtCore
import Vapor

/// Every address of the stories, declared once.
public enum StoriesPath: SitePath {
    /// Filtered by `wijk`, `domein` and `campagne`.
    case list(district: String? = nil, domain: String? = nil, campaign: String? = nil)
    case story(Parameter<String>)
    /// A stored photo in one of its web sizes (`<id>-<width>.<ext>`).
    case photo(Parameter<String>)
    // coordinators
    case manage
    case new
    case edit(Parameter<UUID>)
    case uploadPhoto(Parameter<UUID>)
    case publish(Parameter<UUID>)
    case consents(Parameter<UUID>)
    case withdrawConsent(Parameter<UUID>, consent: Parameter<UUID>)
    case api
    /// The same as CSV for Dutch Excel.
    case apiCSV

    public var components: [PathComponent] {
        switch self {
        case .list: ["verhalen"]
        case .story(let slug): ["verhalen", slug.component("slug")]
        case .photo(let file): ["verhalen", "foto", file.component("file")]
        case .manage: ["verhalen", "beheer"]
        case .new: ["verhalen", "beheer", "nieuw"]
        case .edit(let id): ["verhalen", "beheer", id.component("id")]
        case .uploadPhoto(let id): ["verhalen", "beheer", id.component("id"), "foto"]
        case .publish(let id): ["verhalen", "beheer", id.component("id"), "publiceren"]
        case .consents(let id): ["verhalen", "beheer", id.component("id"), "toestemming"]
        case .withdrawConsent(let id, let consent):
            ["verhalen", "beheer", id.component("id"), "toestemming", consent.component("consent"), "intrekken"]
        case .api: ["api", "v1", "stories"]
        case .apiCSV: ["api", "v1", "stories.csv"]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .list(let district, let domain, let campaign):
            [("wijk", district), ("domein", domain), ("campagne", campaign)].compactMap { key, value in value.map { (key, $0) } }
        default: []
        }
    }
}
