import Foundation
import KrachtCore

/// What a donor needs to pay a gift by bank transfer, as the page shows it and as the EPC QR
/// code carries it.
struct TransferDetails: Sendable {
    var iban: String
    var accountName: String
    var bic: String?
    var amountCents: Int64
    /// The structured reference, compact (`RF471234…`).
    var reference: String

    init(gift: Gift, settings: FundSettings) {
        iban = settings.iban.uppercased().filter { !$0.isWhitespace }
        accountName = settings.accountName
        bic = settings.bic.flatMap { $0.isEmpty ? nil : $0 }
        amountCents = gift.amountCents
        reference = gift.reference ?? ""
    }

    /// "NL91 ABNA 0417 1643 00", as banks print it.
    static func groupedIBAN(_ iban: String) -> String {
        PaymentReference.formatted(iban.uppercased().filter { !$0.isWhitespace })
    }

    /// The European Payments Council's "SEPA Credit Transfer" QR text (EPC069-12, version 002):
    /// service tag, version, character set (1 = UTF-8), identification, BIC (optional in v002),
    /// name (≤ 70), IBAN, amount (`EUR12.50`), purpose (empty), the structured creditor
    /// reference, and the unstructured remittance line left empty — the two exclude each other.
    /// Lines end in LF; banking apps scanning it fill in the whole transfer.
    var epcPayload: String {
        let euros = amountCents / 100, cents = amountCents % 100
        let amount = "EUR\(euros)." + (cents < 10 ? "0\(cents)" : "\(cents)")
        return [
            "BCD", "002", "1", "SCT", bic ?? "", String(accountName.prefix(70)), iban, amount, "", reference, "",
        ].joined(separator: "\n")
    }
}
