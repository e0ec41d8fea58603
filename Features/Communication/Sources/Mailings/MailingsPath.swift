import Foundation
import KrachtCore
import Vapor

/// Every address of the mailings, declared once: coordinators' pages, and the public archive
/// of what was sent.
public enum MailingsPath: SitePath {
    case manage
    case new
    case edit(Parameter<UUID>)
    case preview(Parameter<UUID>)
    case sendTest(Parameter<UUID>)
    case send(Parameter<UUID>)
    /// The public archive of sent mailings ("view in your browser").
    case archive
    case archived(Parameter<UUID>)

    public var components: [PathComponent] {
        switch self {
        case .manage: ["nieuwsbrief", "beheer"]
        case .new: ["nieuwsbrief", "beheer", "nieuw"]
        case .edit(let id): ["nieuwsbrief", "beheer", id.component("id")]
        case .preview(let id): ["nieuwsbrief", "beheer", id.component("id"), "voorbeeld"]
        case .sendTest(let id): ["nieuwsbrief", "beheer", id.component("id"), "test"]
        case .send(let id): ["nieuwsbrief", "beheer", id.component("id"), "verzenden"]
        case .archive: ["nieuwsbrief", "archief"]
        case .archived(let id): ["nieuwsbrief", "archief", id.component("id")]
        }
    }
}
