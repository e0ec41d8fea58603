import Fluent
import Initiatives
import KrachtCore
import Vapor

/// `/nu`: for an hour free now — tasks starting within `window`, and shifts whose weekly window is
/// today's current or next day part; in the chosen area first, then its district, then online.
enum NearbyPage {
    static let window: TimeInterval = 3 * 3600

    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct Group: Encodable {
        var label: String
        var choices: [Choice]
    }
    struct Page: Encodable {
        var areas: [Group]
        var areaName: String?
        var cards: [ForYouController.Card]
    }

    /// The actions of `actions` that start soon, nearest place first, then soonest.
    static func soon(_ actions: [MatchAction], area: String?, district: String?, now: Date) -> [MatchAction] {
        let cell = AvailabilityGrid.cell(of: now)
        var cells = AvailabilityGrid.of(now)
        let parts = AvailabilityGrid.DayPart.allCases
        if cell.part.index + 1 < parts.count { cells.insert(weekday: cell.weekday, part: parts[cell.part.index + 1]) }
        let until = now.addingTimeInterval(window)
        var found: [(rank: Int, start: Date, action: MatchAction)] = []
        for action in actions {
            let start: Date
            switch action.kind {
            case .task:
                guard let startsAt = action.startsAt, startsAt >= now, startsAt <= until else { continue }
                start = startsAt
            case .shift:
                guard action.slots.bits & cells.bits != 0, let first = action.slots.cells.first else { continue }
                start = first.part == cell.part ? now : windowStart(of: first.part, on: now)
            case .role:
                continue
            }
            let rank: Int
            if area == nil && district == nil {
                rank = 0
            } else if let area, action.area == area, !action.online {
                rank = 0
            } else if let district, action.district == district, !action.online {
                rank = 1
            } else if action.online {
                rank = 2
            } else {
                continue
            }
            found.append((rank, start, action))
        }
        return found.sorted { ($0.rank, $0.start, $0.action.id.uuidString) < ($1.rank, $1.start, $1.action.id.uuidString) }
            .map(\.action)
    }

    /// Today's start of a day part in Amsterdam: 06:00, 12:00 or 18:00.
    static func windowStart(of part: AvailabilityGrid.DayPart, on now: Date) -> Date {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = AmsterdamTime.zone
        let hour = [6, 12, 18][part.index]
        return calendar.date(bySettingHour: hour, minute: 0, second: 0, of: now) ?? now
    }

    static func render(_ req: Request, controller: ForYouController) async throws -> Response {
        let app = req.application
        var areaSlug = req.queryValue("gebied").flatMap { $0.isEmpty ? nil : $0 }
        if areaSlug == nil, let user = req.auth.get(User.self) {
            areaSlug = try await ResidentProfile.query(on: req.db).filter(\.$userID == user.requireID()).first()?.area
        }
        let home = areaSlug.flatMap { slug in app.reference.districts.first { $0.areas.contains { $0.slug == slug } } }
        let area = home?.areas.first { $0.slug == areaSlug }
        let catalogue = try await app.openActionCatalogue.current(on: req.db, app: app)
        let actions = soon(catalogue.actions, area: area?.slug, district: home?.slug, now: req.now).prefix(ForYouController.limit)
        let page = Page(
            areas: app.reference.districts.map { district in
                Group(
                    label: district.name,
                    choices: district.areas.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == area?.slug) })
            },
            areaName: area?.name,
            cards: actions.map { controller.card(Match(action: $0, score: 0, reasons: []), req: req, skillNames: [:]) })
        return try await req.render("matching/nearby", titleKey: "matching.nearby.title", page)
    }
}
