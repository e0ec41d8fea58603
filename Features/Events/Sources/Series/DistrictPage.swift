import Fluent
import KrachtCore
import SQLKit
import Vapor

/// A district's meetups on one page: each series with its rule, venue and next occurrences, the
/// district's other coming events, what its past meetups drew, and its calendar feed.
enum DistrictPage {
    struct Occurrence: Encodable {
        var title, when, href: String
        var placesLeft: Int
        var cancelled, full: Bool
    }
    struct Series: Encodable {
        var title, rule, venue: String
        var online: Bool
        var occurrences: [Occurrence]
        var editPath: String?
    }
    struct Page: Encodable {
        var name, feedPath, agendaPath: String
        var series: [Series]
        var others: [Occurrence]
        var hasSeries, hasOthers: Bool
        var pastMeetups, pastAttended: Int
    }

    static let maxSeries = 40, nextPerSeries = 6, maxOthers = 20

    static func build(_ district: ReferenceData.District, req: Request) async throws -> Page {
        let now = req.application.clock.now()
        let language = req.language
        let viewer = req.auth.get(User.self)
        let occurrence = { (event: Event) in
            Occurrence(
                title: event.title, when: EventWords.when(event.startsAt, in: language),
                href: EventsPath.event(.value(event.slug)).path, placesLeft: event.placesLeft, cancelled: event.isCancelled,
                full: event.isFull)
        }
        let allSeries = try await EventSeries.query(on: req.db).filter(\.$district == district.slug).filter(\.$status == .scheduled)
            .filter(\.$lastDay >= AmsterdamTime.calendar.startOfDay(for: now)).sort(\.$title).limit(maxSeries).all()
        var series: [Series] = []
        for item in allSeries {
            let next = try await Event.query(on: req.db).filter(\.$seriesID == item.requireID()).filter(\.$startsAt > now)
                .sort(\.$startsAt).limit(nextPerSeries).all()
            guard !next.isEmpty else { continue }
            let canEdit = try await EventAccess.canOrganise(viewer, series: item, on: req.db)
            series.append(
                Series(
                    title: item.title,
                    rule: RecurrenceRule(item.rule)?.describe(
                        startMinute: item.startMinute, in: language, catalogue: req.application.catalogue)
                        ?? "",
                    venue: item.venue, online: item.onlineURL != nil, occurrences: next.map(occurrence),
                    editPath: canEdit ? try EventsPath.editSeries(.value(item.requireID())).path : nil))
        }
        let others = try await Event.query(on: req.db).filter(\.$district == district.slug).filter(\.$seriesID == nil)
            .filter(\.$status == .scheduled).filter(\.$startsAt > now).sort(\.$startsAt).limit(maxOthers).all()
        let past = try await pastMeetups(in: district.slug, before: now, on: req.db)
        return Page(
            name: district.name, feedPath: EventsPath.districtFeed(.value(district.slug)).path,
            agendaPath: EventsPath.agenda(district: district.slug).path, series: series, others: others.map(occurrence),
            hasSeries: !series.isEmpty, hasOthers: !others.isEmpty,
            pastMeetups: past.meetups, pastAttended: past.attended)
    }

    private struct Past: Decodable {
        var meetups, attended: Int
    }

    /// The district's meetups that took place and everyone checked in at them. The sum is cast:
    /// PostgreSQL sums a bigint column as numeric.
    private static func pastMeetups(in district: String, before now: Date, on db: any Database) async throws -> Past {
        let row = try await db.sql.raw(
            """
            SELECT COUNT(*) AS meetups, CAST(COALESCE(SUM(attended), 0) AS BIGINT) AS attended FROM \(ident: Event.schema)
            WHERE district = \(bind: district) AND kind = \(bind: Event.Kind.meetup.rawValue)
            AND status = \(bind: Event.Status.scheduled.rawValue) AND ends_at <= \(bind: now)
            """
        ).first(decoding: Past.self)
        return row ?? Past(meetups: 0, attended: 0)
    }
}
