import Fluent
import KrachtCore
import Vapor

/// Keeping people informed: the newsletter with double opt-in (`Newsletter`), the mailings
/// coordinators write and send to a segment (`Mailings`), the stories with their photos and
/// consent (`Stories`), and the register of campaigns and partners (`Campaigns`). Registered
/// once in `App/Sources/Kracht.swift`.
public struct CommunicationFeature: FeatureGroup {
    public let name = "communication"
    public var viewsDirectory: String? { "Features/Communication/Views" }
    public var localesDirectory: String? { "Features/Communication/Locales" }
    public var parts: [any Feature] { [Newsletter(), Mailings(), Stories(), Campaigns()] }

    public init() {}
}
