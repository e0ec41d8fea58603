import Foundation
import KrachtCore
import Vapor

/// Every address of matching, profiles, ideas and messages, declared once. The organiser's list
/// of candidates for an action lives under the action (`InitiativesPath.candidates`).
public enum MatchingPath: SitePath {
    /// The actions that fit a signed-in resident best, each with its reasons.
    case forYou
    /// What starts within the next hours in or near an area (`gebied`), for an hour free now.
    case nearby(area: String? = nil)
    /// The resident's matching profile (GET form, POST save); all optional.
    case profile
    /// The weekly digest's one-click unsubscribe (GET asks, POST confirms — RFC 8058), by a signed token.
    case digestUnsubscribe(Parameter<String>)
    /// The same for a mail program's one-click button (RFC 8058's `List-Unsubscribe` POST, which
    /// carries no cookie): a fixed path, exempt from the form token, with the signed token in the query.
    case digestOneClick(token: String)
    // ideas (the Idealenkompas)
    /// All open ideas, searchable: `q`, `pagina`.
    case ideas(query: String? = nil, page: Int = 1)
    case newIdea
    case idea(Parameter<UUID>)
    case editIdea(Parameter<UUID>)
    /// "Ik wil meedoen" (POST) and taking it back.
    case supportIdea(Parameter<UUID>), unsupportIdea(Parameter<UUID>)
    /// Its author takes the idea back (POST): out of the list and the search.
    case withdrawIdea(Parameter<UUID>)
    /// A message to the idea's author or one of the interested people, through the platform.
    case messageAboutIdea(Parameter<UUID>)
    /// Turning the idea into an initiative under the flag (GET form, POST), approved by a coordinator.
    case convertIdea(Parameter<UUID>)
    // messages between residents (never showing an e-mail address)
    case messages
    case conversation(Parameter<UUID>)

    public var components: [PathComponent] {
        switch self {
        case .forYou: ["voor-jou"]
        case .nearby: ["nu"]
        case .profile: ["voor-jou", "profiel"]
        case .digestUnsubscribe(let token): ["voor-jou", "afmelden", token.component("token")]
        case .digestOneClick: ["voor-jou", "afmelden"]
        case .ideas: ["ideeen"]
        case .newIdea: ["ideeen", "nieuw"]
        case .idea(let id): ["ideeen", id.component("id")]
        case .editIdea(let id): ["ideeen", id.component("id"), "bewerken"]
        case .supportIdea(let id): ["ideeen", id.component("id"), "meedoen"]
        case .unsupportIdea(let id): ["ideeen", id.component("id"), "niet-meer"]
        case .withdrawIdea(let id): ["ideeen", id.component("id"), "intrekken"]
        case .messageAboutIdea(let id): ["ideeen", id.component("id"), "bericht"]
        case .convertIdea(let id): ["ideeen", id.component("id"), "initiatief"]
        case .messages: ["berichten"]
        case .conversation(let id): ["berichten", id.component("id")]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .nearby(let area): area.map { [("gebied", $0)] } ?? []
        case .digestOneClick(let token): [("token", token)]
        case .ideas(let query, let page):
            (query.flatMap { $0.isEmpty ? nil : [("q", $0)] } ?? []) + (page > 1 ? [("pagina", String(page))] : [])
        default: []
        }
    }
}
