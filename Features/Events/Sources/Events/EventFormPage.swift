import Fluent
import Foundation
import Fund
import Initiatives
import KrachtCore
import Vapor

/// The new/edit form's page: the typed values, the choices (kinds, places from `app.reference`,
/// the initiatives the organiser runs, a coordinator's fund campaigns) and the errors on the form.
struct EventFormPage: Encodable {
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct AreaGroup: Encodable {
        var label: String
        var areas: [Choice]
    }

    static let layout = FormLayout(
        id: "event-form",
        [
            "kind", "title", "description", "date", "start", "end", "end_date", "venue", "address", "district", "area", "online_url",
            "capacity", "deadline_date", "deadline_time", "initiative", "campaign", "price", "house_rules",
        ].map {
            .field($0, id: "event-\($0.replacingOccurrences(of: "_", with: "-"))", label: "events.form.\($0)")
        })

    var editing: Bool
    var action, cancelPath: String
    var values: [String: String]
    var checked: [String: Bool]
    var kinds, districts, initiatives: [Choice]
    var areaGroups: [AreaGroup]
    /// A coordinator may leave the initiative empty and tie the event to a fund campaign.
    var coordinator: Bool
    var campaigns: [Choice]
    var errors: FormErrors

    static func render(_ req: Request, input: EventInput, editing event: Event?, errors: FormErrors? = nil) async throws -> Response {
        let user = try req.requireUser()
        let coordinator = try await user.roles(on: req.db).allow(.coordinator)
        var initiatives =
            coordinator
            ? try await Initiative.query(on: req.db).filter(\.$status == .approved).sort(\.$name).limit(500).all()
            : try await EventAccess.initiativesRunBy(user, on: req.db)
        // An event keeps the initiative it had, also one its organiser no longer runs.
        if let id = event?.initiativeID, !initiatives.contains(where: { $0.id == id }),
            let current = try await Initiative.find(id, on: req.db)
        {
            initiatives.append(current)
        }
        let campaigns = coordinator ? try await FundCampaign.query(on: req.db).sort(\.$title).limit(200).all() : []
        let reference = req.application.reference
        let values = input.values
        let slug = event.map { Parameter<String>.value($0.slug) }
        let laidOut = (errors ?? FormErrors()).isEmpty ? FormErrors() : errors!.on(layout) { req.t($0) }
        let page = EventFormPage(
            editing: event != nil,
            action: (slug.map { EventsPath.edit($0).path } ?? EventsPath.new.path) + "#" + FormErrors.summaryAnchor,
            cancelPath: slug.map { EventsPath.event($0).path } ?? EventsPath.agenda().path,
            values: values, checked: Dictionary(uniqueKeysWithValues: EventInput.checkboxes.map { ($0, input.checked.contains($0)) }),
            kinds: Event.Kind.allCases.map {
                Choice(value: $0.rawValue, label: EventWords.kind($0, req), selected: values["kind"] == $0.rawValue)
            },
            districts: reference.districts.map { Choice(value: $0.slug, label: $0.name, selected: values["district"] == $0.slug) },
            initiatives: initiatives.map {
                Choice(
                    value: $0.id?.uuidString ?? "", label: $0.name,
                    selected: values["initiative"]?.lowercased() == $0.id?.uuidString.lowercased())
            },
            areaGroups: reference.districts.map { district in
                AreaGroup(
                    label: district.name,
                    areas: district.areas.map { Choice(value: $0.slug, label: $0.name, selected: values["area"] == $0.slug) })
            },
            coordinator: coordinator,
            campaigns: campaigns.map {
                Choice(
                    value: $0.id?.uuidString ?? "", label: $0.title,
                    selected: values["campaign"]?.lowercased() == $0.id?.uuidString.lowercased())
            },
            errors: laidOut)
        return try await req.render(
            "events/form", titleKey: event == nil ? "events.form.title_new" : "events.form.title_edit", page,
            status: errors == nil ? .ok : .badRequest, errors: laidOut,
            canonicalPath: slug.map { EventsPath.edit($0).path } ?? EventsPath.new.path)
    }
}

extension EventInput {
    /// The form filled in with a stored event, as Amsterdam days and times.
    init(_ event: Event, language: Language) {
        let time = { (date: Date) in AmsterdamTime.format(date, "HH:mm", in: language) }
        let sameDay = AmsterdamTime.day(event.startsAt) == AmsterdamTime.day(event.endsAt)
        let ownDeadline = event.registrationDeadline != event.startsAt
        let cents = event.ticketPriceCents
        values = [
            "kind": event.kind.rawValue, "title": event.title, "description": event.description,
            "date": AmsterdamTime.day(event.startsAt), "start": time(event.startsAt), "end": time(event.endsAt),
            "end_date": sameDay ? "" : AmsterdamTime.day(event.endsAt), "venue": event.venue, "address": event.address,
            "district": event.district ?? "", "area": event.area ?? "", "online_url": event.onlineURL ?? "",
            "capacity": String(event.capacity),
            "deadline_date": ownDeadline ? AmsterdamTime.day(event.registrationDeadline) : "",
            "deadline_time": ownDeadline ? time(event.registrationDeadline) : "",
            "initiative": event.initiativeID?.uuidString ?? "", "campaign": event.campaignID?.uuidString ?? "",
            "price": cents == 0 ? "" : String(format: "%lld,%02lld", cents / 100, cents % 100), "house_rules": event.houseRules,
        ]
        checked = Set(
            [
                ("step_free", event.stepFree), ("hearing_loop", event.hearingLoop), ("quiet_room", event.quietRoom),
                ("ask_dietary", event.askDietary), ("ask_accessibility", event.askAccessibility),
            ].filter(\.1).map(\.0))
    }
}
