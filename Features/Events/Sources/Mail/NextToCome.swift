import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// What a thank-you points to: the next scheduled occurrence of the same series, else an open
/// action of the event's initiative, else an open action in its district (approved initiatives only).
struct NextToCome {
    var title: String
    var link: String
    /// When the next occurrence starts; nil for an action.
    var startsAt: Date?

    /// Per ended event (by id), what comes next for it, if anything.
    static func load(for events: [Event], now: Date, app: Application) async throws -> [UUID: NextToCome] {
        var result: [UUID: NextToCome] = [:]
        let seriesIDs = Array(Set(events.compactMap(\.seriesID)))
        var nextOfSeries: [UUID: Event] = [:]
        if !seriesIDs.isEmpty {
            // In start order: the first seen per series is its next one.
            let coming = try await Event.query(on: app.db).filter(\.$seriesID ~~ seriesIDs).filter(\.$status == .scheduled)
                .filter(\.$startsAt > now).sort(\.$startsAt).limit(seriesIDs.count * 50).all()
            for event in coming { if let id = event.seriesID, nextOfSeries[id] == nil { nextOfSeries[id] = event } }
        }
        var actions: [String: NextToCome?] = [:]
        for event in events {
            guard let id = event.id else { continue }
            if let seriesID = event.seriesID, let next = nextOfSeries[seriesID] {
                result[id] = NextToCome(
                    title: next.title, link: EventsPath.event(.value(next.slug)).url(on: app), startsAt: next.startsAt)
                continue
            }
            let key = "\(event.initiativeID?.uuidString ?? "-")|\(event.district ?? "-")"
            if actions[key] == nil { actions[key] = try await action(for: event, app: app) }
            if let action = actions[key] ?? nil { result[id] = action }
        }
        return result
    }

    /// The mail's fields: `nextTitle`, `nextLink` and `nextWhen` for an occurrence, `actionTitle`
    /// and `actionLink` for an action.
    func context(in language: Language, app: Application) -> [String: String] {
        guard let startsAt else { return ["actionTitle": title, "actionLink": link] }
        return [
            "nextTitle": title, "nextLink": link,
            "nextWhen": EventWords.when(startsAt, in: language),
        ]
    }

    private static func action(for event: Event, app: Application) async throws -> NextToCome? {
        func open() -> QueryBuilder<InitiativeAction> {
            InitiativeAction.query(on: app.db).join(Initiative.self, on: \InitiativeAction.$initiativeID == \Initiative.$id)
                .filter(Initiative.self, \.$status == .approved).filter(\.$status == .open).sort(\.$createdAt, .descending)
        }
        var found: InitiativeAction?
        if let initiativeID = event.initiativeID { found = try await open().filter(\.$initiativeID == initiativeID).first() }
        if found == nil, let district = event.district { found = try await open().filter(\.$district == district).first() }
        guard let action = found, let actionID = action.id else { return nil }
        let initiative = try action.joined(Initiative.self)
        return NextToCome(
            title: action.title, link: InitiativesPath.action(.value(initiative.slug), action: .value(actionID)).url(on: app),
            startsAt: nil)
    }
}
