import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// The second pair of eyes on a proposed grant. The approver is not the proposer, not the
/// case's referrer and not the applicant (their account's e-mail address is not the case's);
/// the grant fits the monthly budget, the fund's available balance and the person's limit.
/// Then, with the case locked and its revision claimed, the grant is posted to the ledger
/// (owed until the treasurer pays it) and the applicant is told. `sendBack` returns a proposal
/// to the queue instead. Two members at once: the first wins, the second is told.
struct ApproveGrant: Sendable {
    enum Outcome: Sendable, Equatable {
        case approved, sentBack
        case ownProposal, referredIt, appliedForIt
        case overMonthlyBudget(leftCents: Int64)
        case overBalance(availableCents: Int64)
        case overPersonLimit(roomCents: Int64)
        case decidedMeanwhile, notFound
    }

    let app: Application

    func approve(_ id: UUID, revision: Int?, by member: User) async throws -> Outcome {
        try await decide(id, revision: revision, by: member, approve: true)
    }

    func sendBack(_ id: UUID, revision: Int?, by member: User) async throws -> Outcome {
        try await decide(id, revision: revision, by: member, approve: false)
    }

    private func decide(_ id: UUID, revision: Int?, by member: User, approve: Bool) async throws -> Outcome {
        let app = self.app
        let memberID = try member.requireID()
        let emailKeys = app.fundSealer.blindIndexes(PersonKeys.email(member.email), context: ApplicantVault.Context.person("email"))
        let outcome = try await app.db.writeTransaction { db -> Outcome in
            if approve { try await GrantLimits.serialize(on: db) }
            guard let application = try await SupportApplication.locked(id, on: db) else { return .notFound }
            guard application.statusValue == .proposed, revision == nil || revision == application.revision,
                let decision = try await SupportDecision.query(on: db).filter(\.$application.$id == id)
                    .filter(\.$state == SupportDecision.State.proposed.rawValue).sort(\.$proposedAt, .descending).first()
            else { return .decidedMeanwhile }
            let now = app.clock.now()
            guard approve else {
                guard try await CaseRevision.claim(application, expected: application.revision, on: db) else { return .decidedMeanwhile }
                decision.state = SupportDecision.State.sentBack.rawValue
                application.status = SupportApplication.Status.received.rawValue
                try await decision.save(on: db)
                try await application.save(on: db)
                try await AuditEvent.record("fundhelp.decision.sent_back", subject: "support_application:\(id)", by: memberID, on: db)
                return .sentBack
            }
            // Four eyes: nobody approves what they proposed, referred or applied for.
            if decision.proposedBy == memberID { return .ownProposal }
            if application.referrerID == memberID { return .referredIt }
            let applicantEmail = try await SupportPersonKey.query(on: db).filter(\.$application.$id == id).filter(\.$kind == "email")
                .filter(\.$key ~~ emailKeys).first()
            if applicantEmail != nil { return .appliedForIt }
            let cents = decision.amountCents ?? 0
            let version = try await CriteriaVersion.current(at: now, on: db)
            let others = try await EarlierCases.samePerson(as: application, sealer: app.fundSealer, on: db)
            if let version {
                let room =
                    version.perPersonLimitCents - GrantLimits.grantedToPersonCents(cases: others, days: version.perPersonDays, before: now)
                if cents > room { return .overPersonLimit(roomCents: max(0, room)) }
                let left = version.monthlyBudgetCents - (try await GrantLimits.grantedInMonthCents(of: now, on: db))
                if cents > left { return .overMonthlyBudget(leftCents: max(0, left)) }
            }
            let available = try await GrantLimits.availableCents(on: db)
            if cents > available { return .overBalance(availableCents: max(0, available)) }
            guard try await CaseRevision.claim(application, expected: application.revision, on: db) else { return .decidedMeanwhile }
            try await Ledger.post(
                Ledger.Entry(
                    kind: "grant", cause: .init("support_application", id.uuidString), bookedAt: now, actorID: memberID,
                    lines: [.debit(.payouts(application.category), cents), .credit(.grantsPayable, cents)]), on: db)
            decision.state = SupportDecision.State.approved.rawValue
            decision.approvedBy = memberID
            decision.approvedAt = now
            application.status = SupportApplication.Status.granted.rawValue
            application.grantedCents = cents
            application.decidedAt = now
            application.criteriaVersion = decision.criteriaVersion
            try await decision.save(on: db)
            try await application.save(on: db)
            try await AuditEvent.record(
                "fundhelp.decision.approved", subject: "support_application:\(id)", details: "\(cents) cents", by: memberID, on: db)
            try await CaseNews.tell(application, app: app, on: db)
            return .approved
        }
        if outcome == .approved { FundTotals.changed(app) }
        return outcome
    }
}
