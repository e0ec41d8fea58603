import Foundation
import KrachtCore
import Vapor

/// Every address of the newsletter, declared once.
public enum NewsletterPath: SitePath {
    /// The form (GET) and its post; `ref` credits a campaign.
    case subscribe(ref: String? = nil)
    case checkMail
    case confirm(Parameter<String>)
    /// Districts and domains of interest, reached from every mailing (a signed token).
    case preferences(Parameter<String>)
    /// GET asks, POST does it.
    case unsubscribe(Parameter<String>)
    /// A mail program's one-click button (RFC 8058 `List-Unsubscribe-Post`): a fixed path,
    /// without a cookie or form token, the signed token in the query.
    case unsubscribeOneClick(token: String)
    case apiStats

    public var components: [PathComponent] {
        switch self {
        case .subscribe: ["nieuwsbrief"]
        case .checkMail: ["nieuwsbrief", "controleer-mail"]
        case .confirm(let token): ["nieuwsbrief", "bevestigen", token.component("token")]
        case .preferences(let token): ["nieuwsbrief", "voorkeuren", token.component("token")]
        case .unsubscribe(let token): ["nieuwsbrief", "afmelden", token.component("token")]
        case .unsubscribeOneClick: ["nieuwsbrief", "afmelden"]
        case .apiStats: ["api", "v1", "newsletter"]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .subscribe(let ref?): [("ref", ref)]
        case .unsubscribeOneClick(let token): [("t", token)]
        default: []
        }
    }
}
