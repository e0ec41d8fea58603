import Fluent
import KrachtCore
import Vapor

/// The "maatschappelijke AEX" (`/initiatieven/waarde`): public initiatives ranked by the value of
/// their confirmed volunteer hours, or by people reached or connected, with the method explained.
struct RankingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(InitiativesPath.ranking(), use: show)
    }

    func show(req: Request) async throws -> Response {
        let sort = RankingPage.Sort(rawValue: req.queryValue("sorteer") ?? "") ?? .hours
        let page = try await RankingPage.build(sort: sort, req: req)
        return try await req.render("initiatives/ranking", titleKey: "initiatives.ranking.title", page)
    }
}

struct RankingPage: Encodable {
    enum Sort: String, Encodable, CaseIterable { case hours = "uren", reached = "bereikt", connected = "verbonden" }

    struct Row: Encodable {
        var rank: Int
        var name, path, hours, money: String
        var peopleReached, peopleConnected: Int64
    }
    struct SortLink: Encodable {
        var label, path: String
        var current: Bool
    }

    static let limit = 100

    var rows: [Row]
    var sorts: [SortLink]
    var sortLabel: String
    var totalHours, totalMoney, hourRate: String
    var totalConnected: String
    var browsePath: String

    static func build(sort: Sort, req: Request) async throws -> RankingPage {
        let rate = req.application.reference.volunteerHourCents
        var query = Initiative.query(on: req.db).filter(\.$status == .approved)
            .group(.or) { $0.filter(\.$confirmedMinutes > 0).filter(\.$peopleReached > 0).filter(\.$peopleConnected > 0) }
        // Value is proportional to minutes: ranking by minutes is ranking by value.
        let order: [KeyPath<Initiative, FieldProperty<Initiative, Int64>>] =
            switch sort {
            case .hours: [\.$confirmedMinutes, \.$peopleReached, \.$peopleConnected]
            case .reached: [\.$peopleReached, \.$confirmedMinutes, \.$peopleConnected]
            case .connected: [\.$peopleConnected, \.$confirmedMinutes, \.$peopleReached]
            }
        for key in order { query = query.sort(key, .descending) }
        let initiatives = try await query.sort(\.$name).sort(\.$id).limit(limit).all()
        let rows = initiatives.enumerated().map { index, initiative in
            Row(
                rank: index + 1, name: initiative.name, path: InitiativesPath.initiative(.value(initiative.slug)).path,
                hours: VolunteerValue.hours(minutes: initiative.confirmedMinutes, in: req.language),
                money: Money.format(cents: VolunteerValue.cents(minutes: initiative.confirmedMinutes, hourCents: rate), in: req.language),
                peopleReached: initiative.peopleReached, peopleConnected: initiative.peopleConnected)
        }
        let totals = try await InitiativeTotals.current(on: req.db)
        let label = { (sort: Sort) in
            switch sort {
            case .hours: req.t("initiatives.ranking.sort_hours")
            case .reached: req.t("initiatives.ranking.sort_reached")
            case .connected: req.t("initiatives.ranking.sort_connected")
            }
        }
        return RankingPage(
            rows: rows,
            sorts: Sort.allCases.map {
                SortLink(label: label($0), path: InitiativesPath.ranking(sort: $0.rawValue).path, current: $0 == sort)
            },
            sortLabel: label(sort),
            totalHours: VolunteerValue.hours(minutes: totals.confirmedMinutes, in: req.language),
            totalMoney: Money.format(cents: VolunteerValue.cents(minutes: totals.confirmedMinutes, hourCents: rate), in: req.language),
            hourRate: Money.format(cents: rate, in: req.language),
            totalConnected: Money.group(totals.peopleConnected, separator: req.language.groupingSeparator),
            browsePath: InitiativesPath.browse().path)
    }
}
