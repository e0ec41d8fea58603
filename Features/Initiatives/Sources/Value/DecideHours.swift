import Fluent
import Foundation
import KrachtCore
import Vapor

/// An organiser (or a coordinator) confirms or rejects hours a participant logged. Confirming
/// counts them on the initiative and in the totals, in the same transaction, under the row's
/// lock: a second confirm, or a confirm after a reject, changes nothing.
struct DecideHours: Sendable {
    enum Decision: String, Sendable { case confirm, reject }
    enum Outcome: Sendable, Equatable {
        case confirmed, rejected
        case alreadyDecided
        case invalid
        case notAllowed, notFound
    }

    let app: Application

    func run(slug: String, actionID: UUID, hoursID: UUID, decision: String?, by user: User) async throws -> Outcome {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            let scope: HoursScope
            switch try await HoursScope.load(slug: slug, actionID: actionID, user: user, on: db) {
            case .notFound: return .notFound
            case .notAllowed: return .notAllowed
            case .found(let found): scope = found
            }
            guard scope.role == .organiser else { return .notAllowed }
            guard let hours = try await VolunteerHours.locked(hoursID, on: db), hours.actionID == actionID else { return .notFound }
            guard let decision = decision.flatMap(Decision.init(rawValue:)) else { return .invalid }
            guard hours.state == .pending else { return .alreadyDecided }
            hours.state = decision == .confirm ? .confirmed : .rejected
            hours.decidedBy = scope.userID
            hours.decidedAt = now
            try await hours.save(on: db)
            guard decision == .confirm else { return .rejected }
            try await HoursCounters.add(hours, on: db)
            return .confirmed
        }
    }
}

/// The mail to an initiative's organisers that a participant logged hours to confirm.
enum HoursMail {
    static func tellOrganisers(
        _ hours: VolunteerHours, scope: HoursScope, volunteerName: String, app: Application, on db: any Database
    ) async throws {
        let ids = try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == scope.initiative.requireID()).limit(50).all()
            .map(\.userID)
        guard !ids.isEmpty else { return }
        let link = InitiativesPath.hours(.value(scope.initiative.slug), action: .value(try scope.action.requireID())).url(on: app)
        for organiser in try await User.query(on: db).filter(\.$id ~~ ids).all() {
            let language = organiser.preferredLanguage
            try await app.mailer.enqueue(
                to: organiser.email, language: language, subjectKey: "initiatives.mail.hours.subject",
                subjectArguments: ["action": scope.action.title], view: "initiatives/hours-mail",
                context: [
                    "name": volunteerName, "action": scope.action.title, "initiative": scope.initiative.name,
                    "hours": VolunteerValue.hours(minutes: Int64(hours.minutes), in: language), "day": hours.workedOn, "link": link,
                ], on: db)
        }
    }
}
