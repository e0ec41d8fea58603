import KrachtCore
import Vapor

/// Every address of the fund's help, declared once: routes are registered from these values and
/// every link, redirect and mailed link is printed from them. A case is never named in a path by
/// anything that identifies the applicant: the public status page by an unguessable token, the
/// staff pages by the case's random id.
public enum FundHelpPath: SitePath {
    // applicants (every fund language)
    /// The form (GET) and its post: no account needed; a referrer applies on someone's behalf.
    case apply
    /// The published criteria, every version with its dates.
    case criteria
    /// A case's private status page, by its token: status, messages, documents, who read it.
    case status(Parameter<String>)
    case statusMessage(Parameter<String>)
    /// A document added from the status page: a streamed upload at one fixed path (the site's
    /// body limit leaves exact paths only to their route), the token in the form, not the URL.
    case statusDocument
    /// Asks (GET) and confirms (POST) erasing the case now.
    case statusErase(Parameter<String>)
    // referrers: their own cases only
    case referrerCases, referrerCase(Parameter<UUID>), referrerMessage(Parameter<UUID>)
    // fund committee
    case queue(filter: String? = nil, page: Int = 1)
    case adminCase(Parameter<UUID>)
    case adminDocument(Parameter<UUID>, document: Parameter<UUID>)
    case adminQuestion(Parameter<UUID>)
    case adminPropose(Parameter<UUID>)
    case adminApprove(Parameter<UUID>)
    case adminSendBack(Parameter<UUID>)
    case adminErase(Parameter<UUID>)
    /// Asks (GET) and confirms (POST) cancelling what is left unpaid of a grant.
    case adminCancelGrant(Parameter<UUID>)
    case accessLog(page: Int = 1)
    case adminCriteria
    // treasurer
    case payouts
    case adminPayout(Parameter<UUID>)
    case payoutExport
    case payoutBatch(Parameter<UUID>)
    case payoutPaid(Parameter<UUID>)
    // open data
    case apiFigures

    public var components: [PathComponent] {
        switch self {
        case .apply: ["fonds", "aanvragen"]
        case .criteria: ["fonds", "criteria"]
        case .status(let token): ["fonds", "aanvraag", token.component("token")]
        case .statusMessage(let token): ["fonds", "aanvraag", token.component("token"), "bericht"]
        case .statusDocument: ["fonds", "aanvraag", "document"]
        case .statusErase(let token): ["fonds", "aanvraag", token.component("token"), "verwijderen"]
        case .referrerCases: ["fonds", "verwijzer"]
        case .referrerCase(let id): ["fonds", "verwijzer", id.component("id")]
        case .referrerMessage(let id): ["fonds", "verwijzer", id.component("id"), "bericht"]
        case .queue: ["beheer", "fonds", "aanvragen"]
        case .adminCase(let id): ["beheer", "fonds", "aanvragen", id.component("id")]
        case .adminDocument(let id, let document):
            ["beheer", "fonds", "aanvragen", id.component("id"), "documenten", document.component("document")]
        case .adminQuestion(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "vraag"]
        case .adminPropose(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "voorstel"]
        case .adminApprove(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "goedkeuren"]
        case .adminSendBack(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "terugsturen"]
        case .adminErase(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "verwijderen"]
        case .adminCancelGrant(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "rest-intrekken"]
        case .accessLog: ["beheer", "fonds", "inzagelog"]
        case .adminCriteria: ["beheer", "fonds", "criteria"]
        case .payouts: ["beheer", "fonds", "uitbetalingen"]
        case .adminPayout(let id): ["beheer", "fonds", "aanvragen", id.component("id"), "uitbetaling"]
        case .payoutExport: ["beheer", "fonds", "uitbetalingen", "sepa"]
        case .payoutBatch(let id): ["beheer", "fonds", "uitbetalingen", "sepa", id.component("id")]
        case .payoutPaid(let id): ["beheer", "fonds", "uitbetalingen", id.component("id"), "betaald"]
        case .apiFigures: ["api", "v1", "fund", "support"]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .queue(let filter, let page): (filter.map { [("toon", $0)] } ?? []) + (page > 1 ? [("pagina", String(page))] : [])
        case .accessLog(let page): page > 1 ? [("pagina", String(page))] : []
        default: []
        }
    }
}
