import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/evenementen/mijn`: my registrations (coming and past), the events I run with links to their
/// attendee lists, and my private calendar feed (`PersonalFeedSection`).
struct MyEventsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get(EventsPath.mine, use: show)
    }

    /// Caps: a person's page lists at most this many of each.
    static let maxRows = 100

    struct Row: Encodable {
        var title: String
        var when: String
        var status: String?
        var link: String
        var attendees: String?
    }

    struct Page: Encodable {
        var upcoming: [Row]
        var past: [Row]
        var organising: [Row]
        var feed: PersonalFeedSection
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let now = req.now
        let registrations = try await EventRegistration.query(on: req.db).filter(\.$userID == userID)
            .sort(\.$createdAt, .descending).limit(Self.maxRows * 2).all()
        let events = try await Event.query(on: req.db).filter(\.$id ~~ Array(Set(registrations.map(\.eventID)))).all()
        let byID = Dictionary(events.compactMap { event in event.id.map { ($0, event) } }, uniquingKeysWith: { first, _ in first })
        var upcoming: [(Date, Row)] = []
        var past: [(Date, Row)] = []
        for registration in registrations {
            guard let event = byID[registration.eventID], let id = registration.id else { continue }
            let token = EventTokens.make(.manage, for: id, app: req.application)
            let row = Row(
                title: event.title, when: EventWords.when(event.startsAt, in: req.language),
                status: req.t("events.registration.status.\(registration.status.rawValue)"),
                link: EventsPath.registration(.value(token)).path)
            if event.hasEnded(at: now) { past.append((event.startsAt, row)) } else { upcoming.append((event.startsAt, row)) }
        }
        let page = Page(
            upcoming: upcoming.sorted { $0.0 < $1.0 }.prefix(Self.maxRows).map(\.1),
            past: past.sorted { $0.0 > $1.0 }.prefix(Self.maxRows).map(\.1),
            organising: try await organising(user, now: now, req: req),
            feed: try await PersonalFeedSection.load(for: user, req: req))
        return try await req.render("events/mine", titleKey: "events.mine.title", page)
    }

    /// Events I organise or that belong to my initiatives: coming ones first, then the latest past.
    private func organising(_ user: User, now: Date, req: Request) async throws -> [Row] {
        let userID = try user.requireID()
        let initiatives = try await EventAccess.initiativesRunBy(user, on: req.db).compactMap(\.id)
        let events = try await Event.query(on: req.db)
            .group(.or) { group in
                group.filter(\.$organiserID == userID)
                if !initiatives.isEmpty { group.filter(\.$initiativeID ~~ initiatives) }
            }
            .filter(\.$endsAt >= now.addingTimeInterval(-30 * 86400))
            .sort(\.$startsAt).limit(Self.maxRows).all()
        return events.map { event in
            Row(
                title: event.title, when: EventWords.when(event.startsAt, in: req.language), status: nil,
                link: EventsPath.event(.value(event.slug)).path, attendees: EventsPath.attendees(.value(event.slug)).path)
        }
    }
}
