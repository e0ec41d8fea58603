import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// The committee ends a grant that can no longer be paid (the applicant cannot be reached, the
/// help is no longer needed, the money keeps coming back): what is neither paid nor on its way
/// leaves `grants_payable` again (`grant_cancel`), the grant becomes what was paid or is still
/// waiting for a file, and a case with nothing on its way closes (`paid`, or `withdrawn` if
/// nothing was paid). Refused while a transfer is at the bank: it may still be paid or return.
struct CancelGrantRest: Sendable {
    /// Why, as a fixed choice: the audit trail keeps it, and no free text can name anyone.
    enum Reason: String, Sendable, CaseIterable {
        case unreachable, notNeeded = "not_needed", cannotPay = "cannot_pay", erased
    }
    enum Outcome: Sendable, Equatable {
        case cancelled(cents: Int64)
        case noReason
        /// Transfers in a SEPA file that the bank has not settled yet.
        case atTheBank
        case nothingLeft
        /// A rest was cancelled once already; a second is not booked.
        case cancelledBefore
        case notGranted
        case notFound
    }

    let app: Application

    func run(_ caseID: UUID, reason: String?, by member: User) async throws -> Outcome {
        guard let reason = reason.flatMap(Reason.init(rawValue:)) else { return .noReason }
        let app = self.app
        let memberID = try member.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let application = try await SupportApplication.locked(caseID, on: db) else { return .notFound }
            guard application.statusValue == .granted else { return .notGranted }
            let payouts = try await SupportPayout.query(on: db).filter(\.$application.$id == caseID).all()
            guard !payouts.contains(where: { $0.state == SupportPayout.State.exported.rawValue }) else { return .atTheBank }
            let waiting = payouts.filter { $0.state == SupportPayout.State.pending.rawValue }.reduce(Int64(0)) { $0 + $1.amountCents }
            let cents = try await PayoutSettlement.remainingCents(of: application, on: db)
            guard cents > 0 else { return .nothingLeft }
            let now = app.clock.now()
            // Once per case (the ledger's kind and cause): a rest that opened again later stays owed.
            let posted = try await Ledger.post(
                Ledger.Entry(
                    kind: "grant_cancel", cause: .init("support_application", caseID.uuidString), bookedAt: now, actorID: memberID,
                    lines: [.debit(.grantsPayable, cents), .credit(.payouts(application.category), cents)]), on: db)
            guard posted != .alreadyPosted else { return .cancelledBefore }
            application.grantedCents = application.paidCents + waiting
            if waiting == 0 {
                application.status = (application.paidCents > 0 ? SupportApplication.Status.paid : .withdrawn).rawValue
                if application.paidCents > 0, application.paidAt == nil { application.paidAt = now }
                application.closedAt = now
            }
            application.revision += 1
            try await application.save(on: db)
            try await AuditEvent.record(
                "fundhelp.grant.cancel_rest", subject: "support_application:\(caseID)", details: "\(cents) cents, \(reason.rawValue)",
                by: memberID, on: db)
            try await CaseNews.tell(application, app: app, on: db)
            return .cancelled(cents: cents)
        }
    }
}
