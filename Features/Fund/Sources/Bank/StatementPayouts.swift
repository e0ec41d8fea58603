import Fluent
import Foundation
import Vapor

/// The seam between the statement import and a feature that pays out of the fund by bank
/// transfer (the fund's help, Fund 2/2), so that Fund does not import it: a debit carrying the
/// end-to-end id of one of its transfers pays that transfer instead of being booked as a bank
/// cost, and a returned credit carrying it reopens it. Handlers run inside the import's
/// transaction and post their own ledger entries; the line is then recorded as `payout`.
public struct StatementPayoutEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The transfer left the fund's account.
        case debit
        /// The payee's bank sent it back.
        case returned
        /// A whole file's transfers left as one batch-booked debit, without end-to-end ids.
        case batchDebit
    }

    public var kind: Kind
    /// The transfer's end-to-end id; for `.batchDebit` the batch's id (`PmtInfId` or `MsgId`).
    public var paymentID: String
    /// Positive, in euro cents.
    public var amountCents: Int64
    /// Noon of the booking day in Amsterdam.
    public var bookedAt: Date
    /// The treasurer who imported the statement; nil for `kracht fund import-statement`.
    public var actorID: UUID?

    public init(kind: Kind, paymentID: String, amountCents: Int64, bookedAt: Date, actorID: UUID?) {
        self.kind = kind
        self.paymentID = paymentID
        self.amountCents = amountCents
        self.bookedAt = bookedAt
        self.actorID = actorID
    }
}

/// A handler's answer to an event.
public enum StatementPayoutClaim: Sendable, Equatable {
    /// Not one of its payouts: the import's own rules book the line.
    case notOurs
    /// Booked by the handler; the line is recorded as `payout`.
    case booked
    /// Booked, but its payee's data is erased: the line keeps no name, text or account.
    case bookedAnonymously
}

/// Answers whether an event is one of its payouts (and then books it).
public typealias StatementPayoutHandler = @Sendable (StatementPayoutEvent, any Database) async throws -> StatementPayoutClaim

extension Application {
    /// Set once when a paying feature starts (`FundHelpFeature.routes`); empty without one.
    public var statementPayoutHandlers: [StatementPayoutHandler] {
        get { storage[StatementPayoutHandlersKey.self] ?? [] }
        set { storage[StatementPayoutHandlersKey.self] = newValue }
    }
    private struct StatementPayoutHandlersKey: StorageKey { typealias Value = [StatementPayoutHandler] }
}

enum StatementPayouts {
    /// What a handler made of the line: a transfer by its end-to-end id, or a batch-booked debit
    /// by its batch id.
    static func settle(
        _ line: StatementLine, bookedAt: Date, actorID: UUID?, app: Application, on db: any Database
    ) async throws -> StatementPayoutClaim {
        let kind: StatementPayoutEvent.Kind
        let id: String
        if let endToEnd = line.endToEndID {
            (kind, id) = (line.isCredit ? .returned : .debit, endToEnd)
        } else if let batch = line.batchID, !line.isCredit {
            (kind, id) = (.batchDebit, batch)
        } else {
            return .notOurs
        }
        let event = StatementPayoutEvent(
            kind: kind, paymentID: id, amountCents: abs(line.amountCents), bookedAt: bookedAt, actorID: actorID)
        for handler in app.statementPayoutHandlers {
            let claim = try await handler(event, db)
            if claim != .notOurs { return claim }
        }
        return .notOurs
    }
}
