import Fluent
import Initiatives
import KrachtCore
import Vapor

/// `/voor-jou`: the open actions that fit a resident best, each with its reasons; `/nu`: what
/// starts in the next hours in or near an area.
struct ForYouController: RouteCollection {
    /// One action on a page: where to join it and why it fits.
    struct Card: Encodable {
        var title, initiative, path: String
        var when: String?
        var place: String?
        var reasons: [ReasonText]
    }
    struct ForYouPage: Encodable {
        var hasProfile: Bool
        var cards: [Card]
    }

    static let limit = 20

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get(MatchingPath.forYou, use: forYou)
        routes.access(.anyone).get(MatchingPath.nearby(), use: nearby)
    }

    func forYou(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let catalogue = try await req.application.openActionCatalogue.current(on: req.db, app: req.application)
        let userID = try user.requireID()
        let loaded = try await ProfileData.load(userID, on: req.db)
        // Not what they already asked to join, nor their own initiatives' actions.
        let own = try await OwnActions.load(userID, on: req.db)
        let now = req.now
        let matches: [Match]
        if let loaded {
            matches = catalogue.best(for: loaded.match, limit: Self.limit, now: now, excluding: own)
        } else {
            // No profile yet: the soonest open actions, which is the catalogue's own order.
            matches = catalogue.actions.lazy.filter { !$0.isPast(at: now) && !own.contains($0) }.prefix(Self.limit)
                .map { Match(action: $0, score: 0, reasons: []) }
        }
        let cards = matches.map { card($0, req: req, skillNames: catalogue.skillNames) }
        return try await req.render(
            "matching/for-you", titleKey: "matching.for_you.title", ForYouPage(hasProfile: loaded != nil, cards: cards))
    }

    func nearby(req: Request) async throws -> Response {
        try await NearbyPage.render(req, controller: self)
    }

    func card(_ match: Match, req: Request, skillNames: [UUID: String]) -> Card {
        let action = match.action
        return Card(
            title: action.title, initiative: action.initiativeName, path: action.path, when: when(action, req: req),
            place: place(action, req: req),
            reasons: MatchReasonText.words(match.reasons, in: req.language, skillNames: skillNames, app: req.application))
    }

    /// The start of a task or role, or a shift's weekly window, in Amsterdam time.
    func when(_ action: MatchAction, req: Request) -> String? {
        if action.kind == .shift, let cell = action.slots.cells.first {
            return ShiftWords.every(weekday: cell.weekday, part: cell.part) { req.t($0, $1) }
        }
        return action.startsAt.map { AmsterdamTime.format($0, "EEEE d MMMM, HH:mm", in: req.language) }
    }

    func place(_ action: MatchAction, req: Request) -> String? {
        if action.online { return req.t("matching.reason.online") }
        let reference = req.application.reference
        if let area = action.area.flatMap(reference.area(slug:)) {
            return area.name
        }
        return action.district.flatMap(reference.district(slug:))?.name
    }
}
