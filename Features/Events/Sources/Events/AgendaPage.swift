import Fluent
import Foundation
import KrachtCore
import Vapor

/// The agenda (what is coming) and the past events: one indexed query each, a page of 25 read as
/// 26 rows so "next page" needs no count, every figure from the event's own counters.
struct AgendaPage: Encodable {
    static let perPage = 25
    static let maxPage = 1_000

    struct Row: Encodable {
        var path, title, when, day, kind, place: String
        var access: [String]
        var status: String
        var cancelled: Bool
        var attended: Int
    }
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct DistrictLink: Encodable { var name, path: String }

    var rows: [Row]
    var districts: [Choice]
    var kinds: [Choice]
    var months: [Choice]
    var districtLinks: [DistrictLink]
    var filtered: Bool
    var action, pastPath, agendaPath, feedPath: String
    var previous, next: String?
    var canCreate: Bool
    var newPath: String

    struct Filter {
        var district, kind, month: String?
        var page = 1
        var monthRange: (Date, Date)?
    }

    /// The query's filters, each kept only if valid: anything else is ignored, never an error.
    static func filter(_ req: Request, now: Date) -> Filter {
        var filter = Filter()
        let reference = req.application.reference
        filter.district = req.queryValue("stadsdeel").flatMap { reference.district(slug: $0)?.slug }
        filter.kind = req.queryValue("soort").flatMap { Event.Kind(rawValue: $0)?.rawValue }
        if let month = req.queryValue("maand"), let range = months(from: now).first(where: { $0.key == month }) {
            filter.month = month
            filter.monthRange = (range.start, range.end)
        }
        filter.page = req.queryInt("pagina").flatMap { (1...maxPage).contains($0) ? $0 : nil } ?? 1
        return filter
    }

    /// This month and the eleven after it, in Amsterdam: `2027-01` and its first and next first instant.
    static func months(from now: Date) -> [(key: String, start: Date, end: Date)] {
        let calendar = AmsterdamTime.calendar
        guard let first = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) else { return [] }
        return (0..<12).compactMap { offset in
            guard let start = calendar.date(byAdding: .month, value: offset, to: first),
                let end = calendar.date(byAdding: .month, value: 1, to: start)
            else { return nil }
            return (AmsterdamTime.month(of: start), start, end)
        }
    }

    static func agenda(_ req: Request) async throws -> AgendaPage {
        let now = req.now
        let filter = filter(req, now: now)
        var query = Event.query(on: req.db)
            .filter(\.$startsAt > now.addingTimeInterval(-Event.longestEvent)).filter(\.$endsAt > now)
        if let district = filter.district { query = query.filter(\.$district == district) }
        if let kind = filter.kind.flatMap(Event.Kind.init(rawValue:)) { query = query.filter(\.$kind == kind) }
        if let range = filter.monthRange { query = query.filter(\.$startsAt >= range.0).filter(\.$startsAt < range.1) }
        let offset = (filter.page - 1) * perPage
        let events = try await query.sort(\.$startsAt).sort(\.$slug).range(offset..<(offset + perPage + 1)).all()

        let reference = req.application.reference
        let language = req.language
        let pageLink = { (page: Int) in
            EventsPath.agenda(district: filter.district, kind: filter.kind, month: filter.month, page: page).path
        }
        let user = req.auth.get(User.self)
        return AgendaPage(
            rows: events.prefix(perPage).map { row($0, req) },
            districts: reference.districts.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == filter.district) },
            kinds: Event.Kind.allCases.map {
                Choice(value: $0.rawValue, label: EventWords.kind($0, req), selected: $0.rawValue == filter.kind)
            },
            months: months(from: now).map {
                Choice(value: $0.key, label: AmsterdamTime.monthName($0.start, in: language), selected: $0.key == filter.month)
            },
            districtLinks: reference.districts.map { DistrictLink(name: $0.name, path: EventsPath.district(.value($0.slug)).path) },
            filtered: filter.district != nil || filter.kind != nil || filter.month != nil,
            action: EventsPath.agenda().path, pastPath: EventsPath.past().path, agendaPath: EventsPath.agenda().path,
            feedPath: EventsPath.feed.path,
            previous: filter.page > 1 ? pageLink(filter.page - 1) : nil,
            next: events.count > perPage ? pageLink(filter.page + 1) : nil,
            canCreate: try await EventAccess.canCreate(user, on: req.db), newPath: EventsPath.new.path)
    }

    static func past(_ req: Request) async throws -> AgendaPage {
        let now = req.now
        let page = req.queryInt("pagina").flatMap { (1...maxPage).contains($0) ? $0 : nil } ?? 1
        let offset = (page - 1) * perPage
        let events = try await Event.query(on: req.db).filter(\.$startsAt < now).filter(\.$endsAt <= now)
            .sort(\.$startsAt, .descending).sort(\.$slug).range(offset..<(offset + perPage + 1)).all()
        return AgendaPage(
            rows: events.prefix(perPage).map { row($0, req) }, districts: [], kinds: [], months: [], districtLinks: [], filtered: false,
            action: EventsPath.past().path, pastPath: EventsPath.past().path, agendaPath: EventsPath.agenda().path,
            feedPath: EventsPath.feed.path,
            previous: page > 1 ? EventsPath.past(page: page - 1).path : nil,
            next: events.count > perPage ? EventsPath.past(page: page + 1).path : nil,
            canCreate: false, newPath: EventsPath.new.path)
    }

    static func row(_ event: Event, _ req: Request) -> Row {
        Row(
            path: EventsPath.event(.value(event.slug)).path, title: event.title,
            when: EventWords.when(event, in: req.language, short: true),
            day: AmsterdamTime.day(event.startsAt), kind: EventWords.kind(event.kind, req), place: EventWords.place(event, req),
            access: EventWords.access(event, req), status: EventWords.places(event, req), cancelled: event.isCancelled,
            attended: event.attended)
    }
}
