import Fluent
import Foundation
import KrachtCore
import Vapor

/// The hours page of an action: the form, and the entries logged on it (an organiser sees them
/// all, with confirm and reject on the pending ones; a participant sees their own).
struct HoursPage: Encodable {
    struct Option: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct Entry: Encodable {
        var person, hours, day, state, stateLabel: String
        var peopleReached: Int
        var decidePath: String?
    }

    var initiativeName, actionTitle, initiativePath, actionPath, formPath: String
    var isOrganiser: Bool
    var people: [Option]
    var values: [String: String]
    var errors: FormErrors
    var today, earliest: String
    var entries: [Entry]
    var value: InitiativeValue
    static let maxEntries = 200

    static func build(_ scope: HoursScope, req: Request, errors: FormErrors = FormErrors(), values: [String: String] = [:]) async throws
        -> HoursPage
    {
        let slug = scope.initiative.slug
        let actionID = try scope.action.requireID()
        let today = AmsterdamTime.day(req.application.clock.now())
        let isOrganiser = scope.role == .organiser
        var people: [Option] = []
        if isOrganiser {
            let chosen = values["person"] ?? "self"
            people.append(Option(value: "self", label: req.t("initiatives.hours.person_self"), selected: chosen == "self"))
            for participant in try await HoursScope.participants(of: scope.action, on: req.db) where participant.id != scope.userID {
                let value = participant.id.uuidString
                people.append(Option(value: value, label: participant.name, selected: chosen == value))
            }
            people.append(Option(value: "", label: req.t("initiatives.hours.person_none"), selected: chosen.isEmpty))
        }

        var query = VolunteerHours.query(on: req.db).filter(\.$actionID == actionID)
        if !isOrganiser { query = query.filter(\.$userID == scope.userID) }
        let rows = try await query.sort(\.$createdAt, .descending).limit(maxEntries).all()
        let ids = Array(Set(rows.compactMap(\.userID)))
        let names =
            ids.isEmpty
            ? [:]
            : Dictionary(
                try await User.query(on: req.db).filter(\.$id ~~ ids).all().map { (try $0.requireID(), $0.name) },
                uniquingKeysWith: { a, _ in a })
        let entries = try rows.map { row in
            Entry(
                person: row.userID.flatMap { names[$0] } ?? req.t("initiatives.hours.person_none"),
                hours: VolunteerValue.hours(minutes: Int64(row.minutes), in: req.language),
                day: AmsterdamTime.parseDay(row.workedOn).map { AmsterdamTime.date($0, in: req.language) } ?? row.workedOn,
                state: row.state.rawValue, stateLabel: req.t(stateKey(row.state)), peopleReached: row.peopleReached,
                decidePath: isOrganiser && row.state == .pending
                    ? InitiativesPath.decideHours(.value(slug), action: .value(actionID), hours: .value(try row.requireID())).path : nil)
        }
        var shownValues = values
        if shownValues["worked_on"] == nil { shownValues["worked_on"] = today }
        return HoursPage(
            initiativeName: scope.initiative.name, actionTitle: scope.action.title,
            initiativePath: InitiativesPath.initiative(.value(slug)).path,
            actionPath: InitiativesPath.action(.value(slug), action: .value(actionID)).path,
            formPath: InitiativesPath.hours(.value(slug), action: .value(actionID)).path,
            isOrganiser: isOrganiser, people: people, values: shownValues,
            errors: errors.isEmpty ? errors : errors.on(HoursController.layout, req.t), today: today,
            earliest: AmsterdamTime.addingDays(-HoursInput.maxDaysBack, to: today), entries: entries,
            value: InitiativeValue.of(scope.initiative, req: req))
    }

    static func stateKey(_ state: VolunteerHours.State) -> String {
        switch state {
        case .pending: "initiatives.hours.state.pending"
        case .confirmed: "initiatives.hours.state.confirmed"
        case .rejected: "initiatives.hours.state.rejected"
        }
    }
}
