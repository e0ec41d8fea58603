import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit
import Vapor

/// What paying and returning a payout does to the books and to its case, the same whether the
/// treasurer marks it, a cash or voucher payout is made, or an imported statement shows it.
/// Call inside a transaction holding the case's lock (`SupportApplication.locked`).
enum PayoutSettlement {
    /// The ledger's cause of everything a payout posts.
    static func cause(_ payout: SupportPayout) throws -> Ledger.Cause {
        Ledger.Cause("support_payout", try payout.requireID().uuidString)
    }

    /// Paid out of `account` (the bank for a transfer or a voucher bought from it, the cash box):
    /// the grant owed becomes money gone; the case is paid, and closed, once all of it is.
    static func markPaid(
        _ payout: SupportPayout, of application: SupportApplication, from account: LedgerAccount, by actorID: UUID?, at date: Date,
        app: Application, on db: any Database
    ) async throws {
        let cents = payout.amountCents
        try await Ledger.post(
            Ledger.Entry(
                kind: "payout", cause: try cause(payout), bookedAt: date, actorID: actorID,
                lines: [.debit(.grantsPayable, cents), .credit(account, cents)]), on: db)
        payout.state = SupportPayout.State.paid.rawValue
        payout.paidBy = actorID
        payout.paidAt = date
        // An erased case kept the payee only for the transfer still at the bank: now it has left.
        if application.erasedAt != nil { payout.payeeSealed = nil }
        try await payout.save(on: db)
        application.paidCents += cents
        if application.paidCents >= (application.grantedCents ?? 0) {
            application.status = SupportApplication.Status.paid.rawValue
            application.paidAt = date
            application.closedAt = date
        }
        application.revision += 1
        try await application.save(on: db)
        try await AuditEvent.record(
            "fundhelp.payout.paid", subject: "support_payout:\(try payout.requireID())", details: "\(payout.method) \(cents) cents",
            by: actorID, on: db)
        try await CaseNews.tell(application, app: app, on: db)
    }

    /// The bank sent a paid transfer back: the money is in the account again and owed again,
    /// and the case is open for a new payout.
    static func markReturned(
        _ payout: SupportPayout, of application: SupportApplication, by actorID: UUID?, at date: Date, app: Application,
        on db: any Database
    ) async throws {
        let cents = payout.amountCents
        try await Ledger.post(
            Ledger.Entry(
                kind: "payout_return", cause: try cause(payout), bookedAt: date, actorID: actorID,
                lines: [.debit(.bank, cents), .credit(.grantsPayable, cents)]), on: db)
        payout.state = SupportPayout.State.returned.rawValue
        payout.returnedAt = date
        if application.erasedAt != nil { payout.payeeSealed = nil }
        try await payout.save(on: db)
        application.paidCents -= cents
        if application.statusValue == .paid { application.status = SupportApplication.Status.granted.rawValue }
        application.paidAt = nil
        application.closedAt = nil
        application.revision += 1
        try await application.save(on: db)
        try await AuditEvent.record(
            "fundhelp.payout.returned", subject: "support_payout:\(try payout.requireID())", details: "\(cents) cents", by: actorID,
            on: db)
        try await CaseNews.tell(application, app: app, on: db)
    }

    /// What is still free to pay of a case's grant: granted, less what is paid or on its way.
    static func remainingCents(of application: SupportApplication, on db: any Database) async throws -> Int64 {
        let onTheWay = try await SupportPayout.query(on: db).filter(\.$application.$id == application.requireID())
            .filter(\.$state ~~ [SupportPayout.State.pending.rawValue, SupportPayout.State.exported.rawValue]).all()
            .reduce(0) { $0 + $1.amountCents }
        return max(0, application.outstandingCents - onTheWay)
    }
}
