import Fluent
import KrachtCore
import Vapor

/// The movement's campaigns (storytelling, media, fundraising, signing) with their `ref` codes
/// and the results every feature attributes to them, and the register of partner organisations.
struct Campaigns: Feature {
    let name = "campaigns"

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
}
