import KrachtCore
import Vapor

struct FundCampaignController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
