import Fluent
import Foundation
import KrachtCore
import Vapor

/// A member's decision on an open case, judged criterion by criterion under the current
/// version. A grant is only proposed: a second member approves it (`ApproveGrant`). A decline
/// (naming a criterion judged not met) and a referral (to a named organisation) take effect at
/// once, close the case and tell the applicant.
struct ProposeDecision: Sendable {
    struct Input: Sendable {
        /// Criterion key → `met`, `not_met`, `unclear`.
        var judgements: [String: String]
        var outcome: String?
        var amount: String?
        var criterion: String?
        var referredTo: String?
        var note: String?
        /// The case's revision the member saw.
        var revision: Int?
    }
    enum Outcome: Sendable {
        case proposed, declined, referred
        case invalid(FormErrors)
        case notOpen, decidedMeanwhile, notFound
    }

    static let maxNote = 2000
    static let maxOrganisation = 200

    let app: Application

    func run(_ id: UUID, _ input: Input, by member: User, language: Language) async throws -> Outcome {
        let app = self.app
        let memberID = try member.requireID()
        let t: @Sendable (String, [String: String]) -> String = { key, arguments in app.catalogue.text(key, in: language, arguments) }
        return try await app.db.writeTransaction { db -> Outcome in
            guard let application = try await SupportApplication.locked(id, on: db) else { return .notFound }
            // A page older than the case: someone acted on it meanwhile.
            if let revision = input.revision, revision != application.revision { return .decidedMeanwhile }
            guard [.received, .question].contains(application.statusValue), application.erasedAt == nil else { return .notOpen }
            guard let version = try await CriteriaVersion.current(at: app.clock.now(), on: db) else { return .notOpen }
            var errors = FormErrors()
            var judgements: [String: String] = [:]
            for criterion in version.criteria {
                let value = input.judgements[criterion.key] ?? ""
                if SupportDecision.Judgement(rawValue: value) == nil {
                    errors.add(
                        "judgement-\(criterion.key)",
                        t("fundhelp.decision.error.judgement", ["criterion": criterion.title[language.rawValue] ?? criterion.key]))
                } else {
                    judgements[criterion.key] = value
                }
            }
            let (note, noteProblem) = TextField.check(input.note, required: false, maxLength: Self.maxNote, singleLine: false)
            if let noteProblem { errors.add("note", TextField.message(for: noteProblem, maxLength: Self.maxNote) { t($0, [:]) }) }
            let decision = SupportDecision()
            decision.$application.id = id
            decision.judgements = judgements
            decision.criteriaVersion = version.version
            decision.proposedBy = memberID
            decision.proposedAt = app.clock.now()
            switch SupportDecision.Outcome(rawValue: input.outcome ?? "") {
            case .grant:
                let cents = input.amount.flatMap(Money.parseCents)
                let others = try await EarlierCases.samePerson(as: application, sealer: app.fundSealer, on: db)
                let room =
                    version.perPersonLimitCents
                    - GrantLimits.grantedToPersonCents(cases: others, days: version.perPersonDays, before: app.clock.now())
                if cents == nil || cents! <= 0 {
                    errors.add("amount", t("fundhelp.decision.error.amount", [:]))
                } else if cents! > application.requestedCents {
                    errors.add(
                        "amount",
                        t("fundhelp.decision.error.above_request", ["asked": Money.format(cents: application.requestedCents, in: language)])
                    )
                } else if cents! > room {
                    errors.add(
                        "amount", t("fundhelp.decision.error.person_limit", ["room": Money.format(cents: max(0, room), in: language)]))
                }
                decision.amountCents = cents
            case .decline:
                if judgements[input.criterion ?? ""] != SupportDecision.Judgement.notMet.rawValue {
                    errors.add("criterion", t("fundhelp.decision.error.criterion", [:]))
                }
                decision.criterion = input.criterion
            case .refer:
                let (organisation, problem) = TextField.check(input.referredTo, maxLength: Self.maxOrganisation)
                if let problem {
                    errors.add("referred_to", TextField.message(for: problem, maxLength: Self.maxOrganisation) { t($0, [:]) })
                }
                decision.referredTo = organisation
            case nil:
                errors.add("outcome", t("fundhelp.decision.error.outcome", [:]))
            }
            guard errors.isEmpty else { return .invalid(errors) }
            guard try await CaseRevision.claim(application, expected: input.revision ?? application.revision, on: db) else {
                return .decidedMeanwhile
            }
            if !note.isEmpty { decision.noteSealed = try app.fundSealer.seal(note, context: ApplicantVault.Context.note) }
            let outcome = SupportDecision.Outcome(rawValue: input.outcome ?? "")!
            decision.outcome = outcome.rawValue
            if outcome == .grant {
                decision.state = SupportDecision.State.proposed.rawValue
                application.status = SupportApplication.Status.proposed.rawValue
            } else {
                decision.state = SupportDecision.State.final.rawValue
                application.status = (outcome == .decline ? SupportApplication.Status.declined : .referred).rawValue
                application.criteriaVersion = version.version
                application.decidedAt = decision.proposedAt
                application.closedAt = decision.proposedAt
            }
            try await decision.create(on: db)
            try await application.save(on: db)
            try await AuditEvent.record(
                "fundhelp.decision.\(outcome.rawValue)", subject: "support_application:\(id)", details: decision.state, by: memberID, on: db
            )
            if outcome != .grant { try await CaseNews.tell(application, app: app, on: db) }
            return outcome == .grant ? .proposed : outcome == .decline ? .declined : .referred
        }
    }
}
