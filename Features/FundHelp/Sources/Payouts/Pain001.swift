import Foundation
import KrachtCore

/// A SEPA credit-transfer file, ISO 20022 `pain.001.001.03`, as Dutch banks accept it: one
/// payment from the fund's account, not batch-booked, one transaction per transfer. Written by hand
/// (no XML dependency); every text escaped and in the SEPA character set (`SepaText`).
struct Pain001 {
    struct Debtor {
        var name: String
        var iban: String
        /// Optional in SEPA; without it the file says `NOTPROVIDED`.
        var bic: String?
    }
    struct Transfer {
        /// `KVM-…`, how the bank's statement finds the payout again.
        var endToEndID: String
        var cents: Int64
        var name: String
        var iban: String
        var remittance: String
    }

    /// The file's `MsgId` (also its payment's `PmtInfId`): unique per file.
    var messageID: String
    var createdAt: Date
    var debtor: Debtor
    var transfers: [Transfer]

    static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"

    var controlSum: Int64 { transfers.reduce(0) { $0 + $1.cents } }

    func xml() -> Data {
        var x = XMLText()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        x.open("Document", ["xmlns": Self.namespace, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance"])
        x.open("CstmrCdtTrfInitn")
        x.open("GrpHdr")
        x.leaf("MsgId", messageID)
        x.leaf("CreDtTm", Self.dateTime(createdAt))
        x.leaf("NbOfTxs", String(transfers.count))
        x.leaf("CtrlSum", Self.amount(controlSum))
        x.open("InitgPty")
        x.leaf("Nm", SepaText.clean(debtor.name, maxLength: 70))
        x.close("InitgPty")
        x.close("GrpHdr")
        x.open("PmtInf")
        x.leaf("PmtInfId", messageID)
        x.leaf("PmtMtd", "TRF")
        // One debit per transfer on the statement, each with its end-to-end id: a batch-booked
        // debit names none of them (`PayoutStatementHandler` still recognises one by its batch id).
        x.leaf("BtchBookg", "false")
        x.leaf("NbOfTxs", String(transfers.count))
        x.leaf("CtrlSum", Self.amount(controlSum))
        x.open("PmtTpInf")
        x.open("SvcLvl")
        x.leaf("Cd", "SEPA")
        x.close("SvcLvl")
        x.close("PmtTpInf")
        x.leaf("ReqdExctnDt", AmsterdamTime.day(createdAt))
        x.open("Dbtr")
        x.leaf("Nm", SepaText.clean(debtor.name, maxLength: 70))
        x.close("Dbtr")
        x.open("DbtrAcct")
        x.open("Id")
        x.leaf("IBAN", SepaText.iban(debtor.iban))
        x.close("Id")
        x.leaf("Ccy", "EUR")
        x.close("DbtrAcct")
        x.open("DbtrAgt")
        x.open("FinInstnId")
        if let bic = debtor.bic.map(SepaText.iban), !bic.isEmpty {
            x.leaf("BIC", bic)
        } else {
            x.open("Othr")
            x.leaf("Id", "NOTPROVIDED")
            x.close("Othr")
        }
        x.close("FinInstnId")
        x.close("DbtrAgt")
        x.leaf("ChrgBr", "SLEV")
        for transfer in transfers { write(transfer, to: &x) }
        x.close("PmtInf")
        x.close("CstmrCdtTrfInitn")
        x.close("Document")
        return Data(x.text.utf8)
    }

    private func write(_ transfer: Transfer, to x: inout XMLText) {
        x.open("CdtTrfTxInf")
        x.open("PmtId")
        x.leaf("EndToEndId", SepaText.clean(transfer.endToEndID, maxLength: 35))
        x.close("PmtId")
        x.open("Amt")
        x.leaf("InstdAmt", Self.amount(transfer.cents), ["Ccy": "EUR"])
        x.close("Amt")
        x.open("Cdtr")
        x.leaf("Nm", SepaText.clean(transfer.name, maxLength: 70))
        x.close("Cdtr")
        x.open("CdtrAcct")
        x.open("Id")
        x.leaf("IBAN", SepaText.iban(transfer.iban))
        x.close("Id")
        x.close("CdtrAcct")
        x.open("RmtInf")
        x.leaf("Ustrd", SepaText.clean(transfer.remittance, maxLength: 140))
        x.close("RmtInf")
        x.close("CdtTrfTxInf")
    }

    /// Euros with two decimals, from integer cents: `1234` → `12.34`.
    static func amount(_ cents: Int64) -> String {
        "\(cents / 100)." + (cents % 100 < 10 ? "0" : "") + "\(cents % 100)"
    }

    /// Amsterdam's local time, as banks' own tools write it.
    static func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: date)
    }
}

/// Indented XML, escaped: the one way this folder writes markup.
struct XMLText {
    private(set) var text = ""
    private var depth = 0

    mutating func raw(_ string: String) { text += string }

    mutating func open(_ name: String, _ attributes: [String: String] = [:]) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indent + "</" + name + ">\n"
    }

    mutating func leaf(_ name: String, _ value: String, _ attributes: [String: String] = [:]) {
        text += indent + "<" + name + Self.attributes(attributes) + ">" + Self.escape(value) + "</" + name + ">\n"
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
