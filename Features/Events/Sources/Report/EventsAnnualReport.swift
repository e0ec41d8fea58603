import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The events in the dashboard's annual report: every event that took place during the year (began
/// between 1 January and 31 December in Amsterdam, before now, not cancelled), each with its day and
/// how many came, and the year's totals. Attendance is the count the check-in keeps on the event.
enum EventsAnnualReport {
    static func sections(year: Int, app: Application) async throws -> [ReportSection] {
        guard let range = AmsterdamTime.year(year) else { return [] }
        let (start, end) = (range.lowerBound, range.upperBound)
        let events = try await Event.query(on: app.db)
            .filter(\.$startsAt >= start).filter(\.$startsAt < min(end, app.clock.now()))
            .filter(\.$status == .scheduled)
            .sort(\.$startsAt).sort(\.$title).all()
        guard !events.isEmpty else { return [] }
        let attended = events.reduce(Int64(0)) { $0 + Int64($1.attended) }
        let items = events.map { event in
            ReportSection.Item(
                title: event.title, day: AmsterdamTime.day(event.startsAt),
                detail: event.venue + " · "
                    + app.catalogue.text("report.events.attended", in: .nl, ["count": String(event.attended)], count: event.attended),
                path: EventsPath.event(.value(event.slug)).path)
        }
        return [
            ReportSection(
                titleKey: "report.events.title",
                figures: [
                    .init(labelKey: "report.events.count", value: Int64(events.count), unit: "events"),
                    .init(labelKey: "report.events.attendance", value: attended, unit: "people"),
                ], items: items)
        ]
    }
}
