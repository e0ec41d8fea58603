import Foundation
import KrachtCore
import Vapor

/// Every address of initiatives and their actions, declared once: routes are registered from
/// these values and every link, redirect and mailed link is printed from them. An initiative is
/// named by its readable slug, an action by its id.
public enum InitiativesPath: SitePath {
    // the public
    /// Browse, filter and search: `q`, `domein`, `stadsdeel`, `vlag`, `pagina`.
    case browse(query: String? = nil, domain: String? = nil, district: String? = nil, underFlag: Bool = false, page: Int = 1)
    /// The ranking by social value (the "maatschappelijke AEX"), with its method.
    case ranking(sort: String? = nil)
    case initiative(Parameter<String>)
    case action(Parameter<String>, action: Parameter<UUID>)
    // residents
    /// The form for a new initiative (GET) and its post; approved by a coordinator before it is public.
    case new
    /// A resident's own initiatives, the actions they joined and asked to join, the hours to confirm.
    case mine
    case follow(Parameter<String>), unfollow(Parameter<String>)
    /// Writing an appreciation after taking part.
    case appreciate(Parameter<String>)
    case reportAppreciation(Parameter<UUID>)
    case join(Parameter<String>, action: Parameter<UUID>)
    case withdraw(Parameter<String>, action: Parameter<UUID>)
    // organisers of that initiative
    case edit(Parameter<String>)
    /// Adding a co-organiser (POST: their e-mail address) and removing one.
    case organisers(Parameter<String>)
    case removeOrganiser(Parameter<String>, user: Parameter<UUID>)
    case newAction(Parameter<String>)
    case editAction(Parameter<String>, action: Parameter<UUID>)
    case closeAction(Parameter<String>, action: Parameter<UUID>)
    /// Accepting or declining one resident's "ik doe mee".
    case decideParticipation(Parameter<String>, action: Parameter<UUID>, participation: Parameter<UUID>)
    /// Logging volunteer hours on an action (an organiser for anyone, a participant their own).
    case hours(Parameter<String>, action: Parameter<UUID>)
    case decideHours(Parameter<String>, action: Parameter<UUID>, hours: Parameter<UUID>)
    /// The residents who fit an action and chose to be findable (the matching feature's page).
    case candidates(Parameter<String>, action: Parameter<UUID>)
    case inviteCandidate(Parameter<String>, action: Parameter<UUID>)
    // coordinators
    case adminQueue
    case adminDecide(Parameter<UUID>)
    case adminSkills, adminMergeSkills
    case adminAppreciations
    case adminDecideAppreciation(Parameter<UUID>)
    // open data
    case api(page: Int = 1)
    case apiInitiative(Parameter<String>)

    /// Slugs an initiative can never have: the constant paths beside `/initiatieven/:slug`.
    public static let reservedSlugs: Set<String> = ["nieuw", "mijn", "waarde", "waardering"]

    public var components: [PathComponent] {
        switch self {
        case .browse: ["initiatieven"]
        case .ranking: ["initiatieven", "waarde"]
        case .new: ["initiatieven", "nieuw"]
        case .mine: ["initiatieven", "mijn"]
        case .reportAppreciation(let id): ["initiatieven", "waardering", id.component("id"), "melden"]
        case .initiative(let slug): ["initiatieven", slug.component("slug")]
        case .edit(let slug): ["initiatieven", slug.component("slug"), "bewerken"]
        case .organisers(let slug): ["initiatieven", slug.component("slug"), "organisatoren"]
        case .removeOrganiser(let slug, let user):
            ["initiatieven", slug.component("slug"), "organisatoren", user.component("user"), "verwijderen"]
        case .follow(let slug): ["initiatieven", slug.component("slug"), "volgen"]
        case .unfollow(let slug): ["initiatieven", slug.component("slug"), "ontvolgen"]
        case .appreciate(let slug): ["initiatieven", slug.component("slug"), "waardering"]
        case .newAction(let slug): ["initiatieven", slug.component("slug"), "acties", "nieuw"]
        case .action(let slug, let action): Self.action(slug, action)
        case .editAction(let slug, let action): Self.action(slug, action) + ["bewerken"]
        case .closeAction(let slug, let action): Self.action(slug, action) + ["sluiten"]
        case .join(let slug, let action): Self.action(slug, action) + ["meedoen"]
        case .withdraw(let slug, let action): Self.action(slug, action) + ["afmelden"]
        case .decideParticipation(let slug, let action, let participation):
            Self.action(slug, action) + ["deelnemers", participation.component("participation")]
        case .hours(let slug, let action): Self.action(slug, action) + ["uren"]
        case .decideHours(let slug, let action, let hours): Self.action(slug, action) + ["uren", hours.component("hours")]
        case .candidates(let slug, let action): Self.action(slug, action) + ["kandidaten"]
        case .inviteCandidate(let slug, let action): Self.action(slug, action) + ["kandidaten", "uitnodigen"]
        case .adminQueue: ["beheer", "initiatieven"]
        case .adminDecide(let id): ["beheer", "initiatieven", id.component("id"), "besluit"]
        case .adminSkills: ["beheer", "vaardigheden"]
        case .adminMergeSkills: ["beheer", "vaardigheden", "samenvoegen"]
        case .adminAppreciations: ["beheer", "waarderingen"]
        case .adminDecideAppreciation(let id): ["beheer", "waarderingen", id.component("id")]
        case .api: ["api", "v1", "initiatives"]
        case .apiInitiative(let slug): ["api", "v1", "initiatives", slug.component("slug")]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .browse(let query, let domain, let district, let underFlag, let page):
            var pairs: [(String, String)] = []
            if let query, !query.isEmpty { pairs.append(("q", query)) }
            if let domain { pairs.append(("domein", domain)) }
            if let district { pairs.append(("stadsdeel", district)) }
            if underFlag { pairs.append(("vlag", "1")) }
            if page > 1 { pairs.append(("pagina", String(page))) }
            return pairs
        case .ranking(let sort): return sort.map { [("sorteer", $0)] } ?? []
        case .api(let page): return page > 1 ? [("page", String(page))] : []
        default: return []
        }
    }

    private static func action(_ slug: Parameter<String>, _ action: Parameter<UUID>) -> [PathComponent] {
        ["initiatieven", slug.component("slug"), "acties", action.component("action")]
    }
}
