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
    }

    public var kind: Kind
    public var endToEndID: String
    /// Positive, in euro cents.
    public var amountCents: Int64
    /// Noon of the booking day in Amsterdam.
    public var bookedAt: Date
    /// The treasurer who imported the statement; nil for `kracht fund import-statement`.
    public var actorID: UUID?

    public init(kind: Kind, endToEndID: String, amountCents: Int64, bookedAt: Date, actorID: UUID?) {
        self.kind = kind
        self.endToEndID = endToEndID
        self.amountCents = amountCents
        self.bookedAt = bookedAt
        self.actorID = actorID
    }
}

/// Answers whether an event is one of its payouts (and then books it): false leaves the line to
/// the import's own rules.
public typealias StatementPayoutHandler = @Sendable (StatementPayoutEvent, any Database) async throws -> Bool

extension Application {
    /// Set once when a paying feature starts (`FundHelpFeature.routes`); empty without one.
    public var statementPayoutHandlers: [StatementPayoutHandler] {
        get { storage[StatementPayoutHandlersKey.self] ?? [] }
        set { storage[StatementPayoutHandlersKey.self] = newValue }
    }
    private struct StatementPayoutHandlersKey: StorageKey { typealias Value = [StatementPayoutHandler] }
}

enum StatementPayouts {
    /// Whether a handler took the line as one of its payouts.
    static func settle(_ line: StatementLine, bookedAt: Date, actorID: UUID?, app: Application, on db: any Database) async throws -> Bool {
        guard let id = line.endToEndID, !app.statementPayoutHandlers.isEmpty else { return false }
        let event = StatementPayoutEvent(
            kind: line.isCredit ? .returned : .debit, endToEndID: id, amountCents: abs(line.amountCents), bookedAt: bookedAt,
            actorID: actorID)
        for handler in app.statementPayoutHandlers where try await handler(event, db) { return true }
        return false
    }
}
