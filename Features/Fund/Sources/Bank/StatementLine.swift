import Foundation

/// One movement on the fund's bank account, as a CAMT.053 entry (or one transaction of a
/// batched entry) or an MT940 `:61:`/`:86:` pair reads: the same value from either format.
public struct StatementLine: Sendable, Equatable {
    /// What makes this line the same line in another file (the bank's own reference, or the
    /// line's content and its place among identical lines): importing it twice adds nothing.
    public var identity: String
    /// The statement's own account as the file names it (CAMT `Acct/Id/IBAN`, MT940 `:25:`).
    public var account: String
    /// The booking day, `2026-06-14`.
    public var bookingDay: String
    /// Signed: money in is positive.
    public var amountCents: Int64
    public var currency: String
    public var counterpartyName: String?
    public var counterpartyIBAN: String?
    /// The structured creditor reference as the bank delivered it (`RF18 5390 …`), unchecked.
    public var structuredReference: String?
    /// The unstructured remittance text.
    public var text: String
    /// A returned or reversed payment: never a gift.
    public var isReturn: Bool
    /// The line of the file where its entry starts, for messages.
    public var fileLine: Int
    /// The SEPA end-to-end id the payer gave (CAMT `Refs/EndToEndId`, MT940 `/EREF/`): on a
    /// fund's own transfer or its return, the id of the payout (`StatementPayouts`).
    public var endToEndID: String? = nil
    /// The payment batch a batch-booked debit carries instead of end-to-end ids (CAMT
    /// `NtryDtls/Btch/PmtInfId`, else its `MsgId`; MT940 `/PREF/`): one line for a whole file.
    public var batchID: String? = nil

    public var isCredit: Bool { amountCents > 0 }
}

/// Why a statement file was refused: a catalogue key under `fund.bank.error.` and its arguments.
/// Nothing of a refused file is posted.
public struct StatementProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var key: String
    public var arguments: [String: String]

    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = "fund.bank.error.\(key)"
        self.arguments = arguments
    }

    public var description: String { "\(key) \(arguments)" }
}

/// Amounts as banks write them: digits, one decimal separator, at most two decimals.
enum StatementAmount {
    static func cents(_ text: Substring, separator: Character) -> Int64? {
        let parts = text.split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 13, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            let euros = Int64(whole)
        else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            cents = fraction.isEmpty ? 0 : Int64(fraction.count == 1 ? fraction + "0" : fraction)!
        }
        return euros * 100 + cents
    }
}

/// A line's identity when the bank gave no reference: its content and how many identical
/// lines came before it in the file, so an overlapping next statement finds the same lines.
struct ContentIdentity {
    private var seen: [String: Int] = [:]

    mutating func identity(of parts: [String]) -> String {
        let content = parts.joined(separator: "|")
        let occurrence = seen[content, default: 0]
        seen[content] = occurrence + 1
        return "content:\(content)|\(occurrence)"
    }
}
