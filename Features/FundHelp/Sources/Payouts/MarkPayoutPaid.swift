import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// The treasurer saw an exported transfer leave on the bank's statement and marks it paid (an
/// imported CAMT.053 does the same by itself, `PayoutStatementHandler`).
struct MarkPayoutPaid: Sendable {
    enum Outcome: Sendable, Equatable {
        case paid
        /// Not in a file yet, already paid or returned: nothing changed.
        case notExported
        case notFound
    }

    let app: Application

    func run(_ payoutID: UUID, by treasurer: User) async throws -> Outcome {
        let app = self.app
        let treasurerID = try treasurer.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let found = try await SupportPayout.find(payoutID, on: db),
                let application = try await SupportApplication.locked(found.$application.id, on: db),
                let payout = try await SupportPayout.locked("id", payoutID, on: db)
            else { return .notFound }
            guard payout.state == SupportPayout.State.exported.rawValue else { return .notExported }
            try await PayoutSettlement.markPaid(
                payout, of: application, from: .bank, by: treasurerID, at: app.clock.now(), app: app, on: db)
            return .paid
        }
    }
}

/// The fund's help's answer to the statement import (`Application.statementPayoutHandlers`): a
/// debit with a payout's end-to-end id pays it, a returned credit with one reopens it, and a
/// batch-booked debit with a file's batch id and its exact total pays the file's transfers. An
/// amount that is not ours is not ours to book: the import treats the line as any other.
enum PayoutStatementHandler {
    static func handler(app: Application) -> StatementPayoutHandler {
        { event, db in
            if event.kind == .batchDebit { return try await batch(event, app: app, on: db) }
            guard let found = try await SupportPayout.query(on: db).filter(\.$endToEndID == event.paymentID).first(),
                found.method == SupportPayout.Method.transfer.rawValue, found.amountCents == event.amountCents,
                let application = try await SupportApplication.locked(found.$application.id, on: db),
                let payout = try await SupportPayout.locked("id", found.requireID(), on: db)
            else { return .notOurs }
            let state = SupportPayout.State(rawValue: payout.state) ?? .pending
            switch (event.kind, state) {
            case (.debit, .pending), (.debit, .exported):
                try await PayoutSettlement.markPaid(
                    payout, of: application, from: .bank, by: event.actorID, at: event.bookedAt, app: app, on: db)
            case (.returned, .pending), (.returned, .exported):
                // The return came before (or without) the statement of the debit: paid, then back.
                try await PayoutSettlement.markPaid(
                    payout, of: application, from: .bank, by: event.actorID, at: event.bookedAt, app: app, on: db)
                try await PayoutSettlement.markReturned(payout, of: application, by: event.actorID, at: event.bookedAt, app: app, on: db)
            case (.returned, .paid):
                try await PayoutSettlement.markReturned(payout, of: application, by: event.actorID, at: event.bookedAt, app: app, on: db)
            case (.debit, .paid), (.debit, .returned), (.returned, .returned), (_, .cancelled), (.batchDebit, _):
                // Booked already (marked by hand, or its return came first): the line is ours, nothing more to post.
                break
            }
            return application.erasedAt == nil ? .booked : .bookedAnonymously
        }
    }

    /// One debit for a whole file: each of its transfers still at the bank is paid, as a single
    /// debit would pay it; those marked paid by hand already post nothing more.
    private static func batch(_ event: StatementPayoutEvent, app: Application, on db: any Database) async throws -> StatementPayoutClaim {
        guard let batch = try await SupportPayoutBatch.query(on: db).filter(\.$messageID == event.paymentID).first(),
            batch.totalCents == event.amountCents
        else { return .notOurs }
        let payouts = try await SupportPayout.query(on: db).filter(\.$batchID == batch.requireID()).sort(\.$createdAt).all()
        for found in payouts where found.state == SupportPayout.State.exported.rawValue {
            guard let application = try await SupportApplication.locked(found.$application.id, on: db),
                let payout = try await SupportPayout.locked("id", found.requireID(), on: db),
                payout.state == SupportPayout.State.exported.rawValue
            else { continue }
            try await PayoutSettlement.markPaid(
                payout, of: application, from: .bank, by: event.actorID, at: event.bookedAt, app: app, on: db)
        }
        // The line names the fund's own account or the bank, never a payee: it can keep what it says.
        return .booked
    }
}
