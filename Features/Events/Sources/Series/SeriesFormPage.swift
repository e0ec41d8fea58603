import Fluent
import Initiatives
import KrachtCore
import Vapor

/// The series form: the template of every occurrence and the rule that dates them; when editing,
/// the coming occurrences and the button that cancels the whole series.
enum SeriesFormPage {
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct AreaGroup: Encodable {
        var label: String
        var areas: [Choice]
    }
    struct Occurrence: Encodable {
        var when, href: String
        var cancelled, detached: Bool
    }
    struct Page: Encodable {
        var heading, formPath: String
        var editing, cancelled: Bool
        var rule: String?
        var values: [String: String]
        var kinds, districts, initiatives, frequencies, ordinals, weekdays, intervals: [Choice]
        var areaGroups: [AreaGroup]
        var occurrences: [Occurrence]
        var hasOccurrences: Bool
        var districtPath: String?
        var errors = FormErrors()
        var hasErrors = false
    }

    static let layout = FormLayout(
        id: "series-form",
        [
            .field("title", id: "series-title", label: "events.series.field.title"),
            .field("description", id: "series-description", label: "events.series.field.description"),
            .field("kind", id: "series-kind", label: "events.series.field.kind"),
            .field("initiative", id: "series-initiative", label: "events.series.field.initiative"),
            .field("frequency", id: "series-frequency-monthly", label: "events.series.field.frequency"),
            .field("weekday", id: "series-weekday", label: "events.series.field.weekday"),
            .field("start_time", id: "series-start-time", label: "events.series.field.start_time"),
            .field("duration", id: "series-duration", label: "events.series.field.duration"),
            .field("first_day", id: "series-first-day", label: "events.series.field.first_day"),
            .field("last_day", id: "series-last-day", label: "events.series.field.last_day"),
            .field("venue", id: "series-venue", label: "events.series.field.venue"),
            .field("address", id: "series-address", label: "events.series.field.address"),
            .field("district", id: "series-district", label: "events.series.field.district"),
            .field("area", id: "series-area", label: "events.series.field.area"),
            .field("online_url", id: "series-online-url", label: "events.series.field.online_url"),
            .field("capacity", id: "series-capacity", label: "events.series.field.capacity"),
            .field("house_rules", id: "series-house-rules", label: "events.series.field.house_rules"),
        ])

    static func render(_ req: Request, series: EventSeries?, input: SeriesInput, errors: FormErrors? = nil) async throws -> Response {
        let values = input.values
        let reference = req.application.reference
        let user = try req.requireUser()
        // A coordinator may choose any approved initiative, as on the event form.
        let runnable =
            try await user.roles(on: req.db).allow(.coordinator)
            ? try await Initiative.query(on: req.db).filter(\.$status == .approved).sort(\.$name).limit(500).all()
            : try await EventAccess.initiativesRunBy(user, on: req.db)
        var initiatives = runnable.map { ($0.id?.uuidString ?? "", $0.name) }
        if let id = series?.initiativeID, !initiatives.contains(where: { $0.0 == id.uuidString }) {
            initiatives.append((id.uuidString, try await Initiative.find(id, on: req.db)?.name ?? id.uuidString))
        }
        let choose = { (options: [(String, String)], field: String) in
            options.map { Choice(value: $0.0, label: $0.1, selected: values[field] == $0.0) }
        }
        var occurrences: [Occurrence] = []
        if let id = series?.id {
            occurrences = try await Event.query(on: req.db).filter(\.$seriesID == id).filter(\.$startsAt > req.application.clock.now())
                .sort(\.$startsAt).limit(RecurrenceRule.maxOccurrences).all().map { event in
                    Occurrence(
                        when: EventWords.when(event.startsAt, in: req.language),
                        href: EventsPath.event(.value(event.slug)).path, cancelled: event.isCancelled, detached: event.detached)
                }
        }
        var page = Page(
            heading: req.t(series == nil ? "events.series.new_title" : "events.series.edit_title"),
            formPath: series?.id.map { EventsPath.editSeries(.value($0)).path } ?? EventsPath.newSeries.path,
            editing: series != nil, cancelled: series?.status == .cancelled,
            rule: series.flatMap { s in
                RecurrenceRule(s.rule)?.describe(startMinute: s.startMinute, in: req.language, catalogue: req.application.catalogue)
            },
            values: values,
            kinds: choose(Event.Kind.allCases.map { ($0.rawValue, req.t("events.series.kind.\($0.rawValue)")) }, "kind"),
            districts: choose(reference.districts.map { ($0.slug, $0.name) }, "district"),
            initiatives: choose(initiatives, "initiative"),
            frequencies: choose(["monthly", "weekly"].map { ($0, req.t("events.series.frequency.\($0)")) }, "frequency"),
            ordinals: choose(RecurrenceRule.ordinals.map { (String($0), req.t(RecurrenceRule.ordinalKey($0))) }, "ordinal"),
            weekdays: choose(RecurrenceRule.weekdays.map { (String($0), req.t("events.rule.weekday.\($0)")) }, "weekday"),
            intervals: choose(RecurrenceRule.intervals.map { (String($0), req.t("events.series.interval", count: $0)) }, "interval"),
            areaGroups: reference.districts.map { district in
                AreaGroup(
                    label: district.name,
                    areas: district.areas.map { Choice(value: $0.slug, label: $0.name, selected: values["area"] == $0.slug) })
            },
            occurrences: occurrences, hasOccurrences: !occurrences.isEmpty,
            districtPath: series?.district.map { EventsPath.district(.value($0)).path })
        if let errors {
            page.errors = errors.on(layout) { req.t($0) }
            page.hasErrors = true
        }
        return try await req.render(
            "events/series-form", titleKey: series == nil ? "events.series.new_title" : "events.series.edit_title", page,
            status: errors == nil ? .ok : .badRequest, errors: errors)
    }
}
