import Fluent
import Foundation
import KrachtCore
import Vapor

/// Logging time given on an action. An organiser logs for an accepted participant, for
/// themselves or for people without an account: confirmed at once, counted and audited. An accepted
/// participant logs their own: pending, and the organisers are mailed to confirm it.
struct LogHours: Sendable {
    struct Input: Sendable {
        /// A participant's id, "self", or empty for people without an account (organisers only).
        var person: String?
        var hours, minutes, workedOn, peopleReached: String?
    }

    enum Outcome: Sendable, Equatable {
        case confirmed, pending
        case invalid(FormErrors)
        case notAllowed, notFound
    }

    /// Entries per person (or, for people without an account, per organiser) per action per day.
    static let maxPerDay = 30

    /// Minutes an action can take on one day, everyone's entries together (pending and
    /// confirmed): what it asks of all its places, and never less than one full entry. Organisers'
    /// hours count at once, so this keeps one initiative from inflating the public ranking.
    static func dailyCap(of action: InitiativeAction) -> Int {
        max(action.places * action.minutesNeeded, HoursInput.maxMinutes)
    }

    let app: Application

    func run(slug: String, actionID: UUID, _ input: Input, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let t: @Sendable (String) -> String = { app.catalogue.text($0, in: language) }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            let scope: HoursScope
            switch try await HoursScope.load(slug: slug, actionID: actionID, user: user, on: db) {
            case .notFound: return .notFound
            case .notAllowed: return .notAllowed
            case .found(let found): scope = found
            }
            var errors = FormErrors()
            var volunteer: UUID? = scope.userID
            if scope.role == .organiser {
                let person = input.person ?? ""
                if person.isEmpty {
                    volunteer = nil
                } else if person != "self" {
                    let allowed = try await HoursScope.participants(of: scope.action, on: db).map(\.id)
                    if let id = UUID(uuidString: person), allowed.contains(id) {
                        volunteer = id
                    } else {
                        errors.add("person", t("initiatives.hours.error.person"))
                    }
                }
            }
            let minutes = HoursInput.minutes(hours: input.hours, minutes: input.minutes)
            if case .failure(let p) = minutes { errors.add("hours", t(p.key(time: true))) }
            let day = HoursInput.day(input.workedOn, today: AmsterdamTime.day(now))
            if case .failure(let p) = day { errors.add("worked_on", t(p.key(day: true))) }
            let reached = HoursInput.peopleReached(input.peopleReached)
            if case .failure(let p) = reached { errors.add("people_reached", t(p.key())) }
            guard errors.isEmpty, case .success(let minutes) = minutes, case .success(let day) = day, case .success(let reached) = reached
            else { return .invalid(errors) }

            let confirmed = scope.role == .organiser
            var sameDay = VolunteerHours.query(on: db).filter(\.$actionID == (try scope.action.requireID())).filter(\.$workedOn == day)
            sameDay =
                volunteer.map { sameDay.filter(\.$userID == $0) } ?? sameDay.filter(\.$userID == nil).filter(\.$loggedBy == scope.userID)
            let earlier = try await sameDay.all()
            // A form sent twice lands once: the same entry by the same person within a minute.
            if earlier.contains(where: {
                $0.loggedBy == scope.userID && $0.minutes == minutes && $0.peopleReached == reached
                    && now.timeIntervalSince($0.createdAt) < 60
            }) {
                return confirmed ? .confirmed : .pending
            }
            guard earlier.count < Self.maxPerDay else {
                return .invalid(FormErrors(summary: t("initiatives.hours.error.too_many")))
            }
            // Under the action's lock, so two entries at once cannot both pass the day's cap.
            guard let action = try await InitiativeAction.locked(try scope.action.requireID(), on: db) else { return .notFound }
            // CAST: PostgreSQL sums a bigint column as numeric.
            let logged =
                try await db.sql.raw(
                    """
                    SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS logged FROM \(unsafeRaw: VolunteerHours.schema)
                    WHERE action_id = \(bind: try action.requireID()) AND worked_on = \(bind: day)
                    AND state <> \(bind: VolunteerHours.State.rejected.rawValue)
                    """
                ).first()?.decode(column: "logged", as: Int.self) ?? 0
            let left = max(Self.dailyCap(of: action) - logged, 0)
            guard minutes <= left else {
                var errors = FormErrors()
                errors.add(
                    "hours",
                    left == 0
                        ? t("initiatives.hours.error.day_full")
                        : app.catalogue.text("initiatives.hours.error.day_cap", in: language, count: left))
                return .invalid(errors)
            }

            let hours = VolunteerHours()
            hours.initiativeID = try scope.initiative.requireID()
            hours.actionID = try scope.action.requireID()
            hours.userID = volunteer
            hours.minutes = minutes
            hours.peopleReached = reached
            hours.workedOn = day
            hours.state = confirmed ? .confirmed : .pending
            hours.loggedBy = scope.userID
            hours.createdAt = now
            if confirmed {
                hours.decidedBy = scope.userID
                hours.decidedAt = now
            }
            try await hours.create(on: db)
            if confirmed {
                try await HoursCounters.add(hours, on: db)
                // Counted without review: each organiser's entry leaves a trace for coordinators.
                try await AuditEvent.record(
                    "initiatives.hours.logged", subject: "volunteer_hours:\(try hours.requireID())",
                    details:
                        "action:\(hours.actionID) minutes:\(minutes) reached:\(reached) for:\(volunteer == nil ? "no-account" : "account")",
                    by: scope.userID, on: db)
                return .confirmed
            }
            try await HoursMail.tellOrganisers(hours, scope: scope, volunteerName: user.name, app: app, on: db)
            return .pending
        }
    }
}

extension HoursProblem {
    /// The message for the time, the day or the people reached.
    func key(time: Bool = false, day: Bool = false) -> String {
        switch (problem, time, day) {
        case (.missing, true, _): "initiatives.hours.error.time_missing"
        case (.invalid, true, _): "initiatives.hours.error.time_invalid"
        case (.outOfRange, true, _): "initiatives.hours.error.time_range"
        case (.missing, _, true): "initiatives.hours.error.day_missing"
        case (.invalid, _, true): "initiatives.hours.error.day_invalid"
        case (.outOfRange, _, true): "initiatives.hours.error.day_range"
        case (.outOfRange, _, _): "initiatives.hours.error.reached_range"
        default: "initiatives.hours.error.reached_invalid"
        }
    }
}

/// Confirmed hours count on their initiative and in the totals, in the caller's transaction.
enum HoursCounters {
    static func add(_ hours: VolunteerHours, on db: any Database) async throws {
        try await db.sql.raw(
            """
            UPDATE initiatives SET confirmed_minutes = confirmed_minutes + \(bind: Int64(hours.minutes)), \
            people_reached = people_reached + \(bind: Int64(hours.peopleReached)) WHERE id = \(bind: hours.initiativeID)
            """
        ).run()
        try await InitiativeTotals.adjust(.confirmedMinutes, by: Int64(hours.minutes), on: db)
    }
}
