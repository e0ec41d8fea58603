import Foundation
import KrachtCore
import Vapor

/// Every address of plans, declared once: routes are registered from these values and every
/// link, redirect and mailed link is printed from them. A plan is named by its slug; sections,
/// activities, reactions and suggestions by their ids (nothing personal in any of them).
public enum PlansPath: SitePath {
    // reading
    case list
    /// The latest published version, with reactions, support and sign-ups.
    case plan(Parameter<String>)
    case history(Parameter<String>)
    case version(Parameter<String>, number: Parameter<Int>)
    /// The readable diff between two versions (`van`, `tot`; the last two by default).
    case diff(Parameter<String>, from: Int? = nil, to: Int? = nil)
    /// A section's discussion: its reactions, threaded, a page at a time (`pagina`).
    case section(Parameter<String>, section: Parameter<UUID>, page: Int = 1)
    /// An activity: its support, who helps (a count), its reactions.
    case activity(Parameter<String>, activity: Parameter<UUID>)
    case houseRules
    /// What I did on plans: my reactions, supports, sign-ups, suggestions and follows.
    case mine
    // reacting (signed in)
    case react(Parameter<String>)
    case withdrawReaction(Parameter<UUID>)
    /// Anyone, signed in or not, may report a reaction.
    case reportReaction(Parameter<UUID>)
    // support and sign-ups (signed in)
    case support(Parameter<String>, activity: Parameter<UUID>)
    case withdrawSupport(Parameter<String>, activity: Parameter<UUID>)
    case signUp(Parameter<String>, activity: Parameter<UUID>)
    case withdrawSignup(Parameter<String>, activity: Parameter<UUID>)
    // suggestions
    /// The form: `onderdeel` (a section id) and `soort` (`PlanSuggestion.Kind`).
    case suggest(Parameter<String>, section: UUID? = nil, kind: String? = nil)
    case suggestions(Parameter<String>)
    case suggestion(Parameter<String>, id: Parameter<UUID>)
    // following and the digest
    case follow(Parameter<String>)
    case unfollow(Parameter<String>)
    /// The digest's one-click unsubscribe (a signed token; GET asks, POST does it, RFC 8058).
    case unsubscribe(Parameter<String>)
    /// The same for a mail program's one-click button (RFC 8058's `List-Unsubscribe` POST, which
    /// carries no cookie): a fixed path, exempt from the form token, with the signed token in the query.
    case unsubscribeOneClick(token: String)
    /// Turning the digest on or off from my plans page (`aan`: 1 or 0).
    case digestSwitch
    // coordinators
    case manage
    case newPlan
    case editPlan(Parameter<String>)
    case newSection(Parameter<String>)
    case editSection(Parameter<String>, section: Parameter<UUID>)
    case removeSection(Parameter<String>, section: Parameter<UUID>)
    /// Up or down one place (`richting`).
    case moveSection(Parameter<String>, section: Parameter<UUID>)
    case newActivity(Parameter<String>, section: Parameter<UUID>)
    case editActivity(Parameter<String>, activity: Parameter<UUID>)
    case removeActivity(Parameter<String>, activity: Parameter<UUID>)
    /// The draft against the last version, a note of what changed, and "publish".
    case publish(Parameter<String>)
    case decideSuggestion(Parameter<String>, id: Parameter<UUID>)
    /// Who signed up for an activity, and a message to them through the platform.
    case signups(Parameter<String>, activity: Parameter<UUID>)
    case messageSignups(Parameter<String>, activity: Parameter<UUID>)
    /// Held reactions to decide on, and the log of decisions.
    case moderation
    case decideReaction(Parameter<UUID>)
    // open data
    case api
    case apiPlan(Parameter<String>)
    case apiVersion(Parameter<String>, number: Parameter<Int>)

    /// Slugs a plan can never have: the constant paths beside `/plannen/:slug`.
    public static let reservedSlugs: Set<String> = ["nieuw", "beheer", "moderatie", "huisregels", "reacties", "afmelden", "mijn"]

    public var components: [PathComponent] {
        switch self {
        case .list: ["plannen"]
        case .plan(let slug): ["plannen", slug.component("slug")]
        case .history(let slug): ["plannen", slug.component("slug"), "versies"]
        case .version(let slug, let number): ["plannen", slug.component("slug"), "versies", number.component("number")]
        case .diff(let slug, _, _): ["plannen", slug.component("slug"), "verschil"]
        case .section(let slug, let section, _): ["plannen", slug.component("slug"), "onderdelen", section.component("section")]
        case .activity(let slug, let activity): ["plannen", slug.component("slug"), "activiteiten", activity.component("activity")]
        case .houseRules: ["plannen", "huisregels"]
        case .mine: ["plannen", "mijn"]
        case .react(let slug): ["plannen", slug.component("slug"), "reageren"]
        case .withdrawReaction(let id): ["plannen", "reacties", id.component("id"), "intrekken"]
        case .reportReaction(let id): ["plannen", "reacties", id.component("id"), "melden"]
        case .decideReaction(let id): ["plannen", "reacties", id.component("id"), "besluit"]
        case .support(let slug, let activity):
            ["plannen", slug.component("slug"), "activiteiten", activity.component("activity"), "steunen"]
        case .withdrawSupport(let slug, let activity):
            ["plannen", slug.component("slug"), "activiteiten", activity.component("activity"), "steun-intrekken"]
        case .signUp(let slug, let activity):
            ["plannen", slug.component("slug"), "activiteiten", activity.component("activity"), "meedoen"]
        case .withdrawSignup(let slug, let activity):
            ["plannen", slug.component("slug"), "activiteiten", activity.component("activity"), "afmelden"]
        case .signups(let slug, let activity):
            ["plannen", slug.component("slug"), "activiteiten", activity.component("activity"), "aanmeldingen"]
        case .messageSignups(let slug, let activity):
            ["plannen", slug.component("slug"), "activiteiten", activity.component("activity"), "aanmeldingen", "bericht"]
        case .suggest(let slug, _, _): ["plannen", slug.component("slug"), "voorstellen", "nieuw"]
        case .suggestions(let slug): ["plannen", slug.component("slug"), "voorstellen"]
        case .suggestion(let slug, let id): ["plannen", slug.component("slug"), "voorstellen", id.component("id")]
        case .decideSuggestion(let slug, let id): ["plannen", slug.component("slug"), "voorstellen", id.component("id"), "besluit"]
        case .follow(let slug): ["plannen", slug.component("slug"), "volgen"]
        case .unfollow(let slug): ["plannen", slug.component("slug"), "ontvolgen"]
        case .unsubscribe(let token): ["plannen", "afmelden", token.component("token")]
        case .unsubscribeOneClick: ["plannen", "afmelden"]
        case .digestSwitch: ["plannen", "mijn", "digest"]
        case .manage: ["plannen", "beheer"]
        case .newPlan: ["plannen", "nieuw"]
        case .editPlan(let slug): ["plannen", slug.component("slug"), "bewerken"]
        case .newSection(let slug): ["plannen", slug.component("slug"), "bewerken", "onderdelen", "nieuw"]
        case .editSection(let slug, let section):
            ["plannen", slug.component("slug"), "bewerken", "onderdelen", section.component("section")]
        case .removeSection(let slug, let section):
            ["plannen", slug.component("slug"), "bewerken", "onderdelen", section.component("section"), "verwijderen"]
        case .moveSection(let slug, let section):
            ["plannen", slug.component("slug"), "bewerken", "onderdelen", section.component("section"), "verplaatsen"]
        case .newActivity(let slug, let section):
            ["plannen", slug.component("slug"), "bewerken", "onderdelen", section.component("section"), "activiteiten", "nieuw"]
        case .editActivity(let slug, let activity):
            ["plannen", slug.component("slug"), "bewerken", "activiteiten", activity.component("activity")]
        case .removeActivity(let slug, let activity):
            ["plannen", slug.component("slug"), "bewerken", "activiteiten", activity.component("activity"), "verwijderen"]
        case .publish(let slug): ["plannen", slug.component("slug"), "publiceren"]
        case .moderation: ["plannen", "moderatie"]
        case .api: ["api", "v1", "plans"]
        case .apiPlan(let slug): ["api", "v1", "plans", slug.component("slug")]
        case .apiVersion(let slug, let number): ["api", "v1", "plans", slug.component("slug"), "versions", number.component("number")]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .diff(_, let from, let to):
            var pairs: [(String, String)] = []
            if let from { pairs.append(("van", String(from))) }
            if let to { pairs.append(("tot", String(to))) }
            return pairs
        case .section(_, _, let page): return page > 1 ? [("pagina", String(page))] : []
        case .unsubscribeOneClick(let token): return [("token", token)]
        case .suggest(_, let section, let kind):
            var pairs: [(String, String)] = []
            if let section { pairs.append(("onderdeel", section.uuidString)) }
            if let kind { pairs.append(("soort", kind)) }
            return pairs
        default: return []
        }
    }
}
