import Foundation

/// The `:86:` field of an MT940 movement. Structured (`/KEY/value/…`, as ING, Rabobank and
/// ABN AMRO write it since SEPA): the counterparty from `/CNTP/iban/bic/name/city/` or
/// `/NAME/…/IBAN/…/`, the reference from `/REMI/STRD/CUR/RF…/`, the text from `/REMI/USTD//…/`
/// or `/REMI/…/`. Anything else is free text, where the import still looks for a reference.
struct MT940Details {
    var name: String?
    var iban: String?
    var structured: String?
    var text: String
    var isReturn = false
    var endToEnd: String?
    /// `/PREF/`: the payment batch of a batch-booked debit.
    var batch: String?

    static let keys: Set<String> = [
        "EREF", "MARF", "CSID", "CNTP", "REMI", "PURP", "RTRN", "ORDP", "BENM", "NAME", "IBAN", "BIC", "TRTP", "ADDR", "ULTC",
        "ULTD", "ULTB", "SVCL", "IREF", "BUSP", "PREF", "RTYP", "ISDT", "CDTRREFTP", "CDTRREF",
    ]

    init(_ raw: String) {
        text = raw.trimmingCharacters(in: .whitespaces)
        guard raw.hasPrefix("/") else {
            isReturn = raw.uppercased().contains("RETOUR") || raw.uppercased().contains("STORNO")
            return
        }
        let tokens = raw.dropFirst().components(separatedBy: "/")
        var index = 0
        var remittance: String?
        func isKey(_ i: Int) -> Bool { i < tokens.count && Self.keys.contains(tokens[i]) }
        func until(_ start: Int) -> (String, Int) {
            var end = start
            while end < tokens.count, !isKey(end) { end += 1 }
            return (
                tokens[start..<min(end, tokens.count)].joined(separator: "/").trimmingCharacters(in: CharacterSet(charactersIn: "/ ")), end
            )
        }
        while index < tokens.count {
            let key = tokens[index]
            switch key {
            case "CNTP":
                let fields = Array(tokens[(index + 1)...].prefix(4))
                if fields.count > 0, !fields[0].isEmpty { iban = fields[0] }
                if fields.count > 2, !fields[2].isEmpty { name = fields[2] }
                index += 1 + fields.count
            case "NAME":
                let (value, end) = until(index + 1)
                if name == nil, !value.isEmpty { name = value }
                index = end
            case "IBAN":
                if iban == nil, index + 1 < tokens.count { iban = tokens[index + 1] }
                index += 2
            case "EREF":
                if index + 1 < tokens.count, !["", "NOTPROVIDED"].contains(tokens[index + 1]) { endToEnd = tokens[index + 1] }
                index += 2
            case "PREF":
                if index + 1 < tokens.count, !["", "NOTPROVIDED"].contains(tokens[index + 1]) { batch = tokens[index + 1] }
                index += 2
            case "RTRN":
                isReturn = true
                index += 1
            case "REMI":
                if index + 3 < tokens.count, tokens[index + 1] == "STRD" {
                    structured = tokens[index + 3]
                    index += 4
                } else if index + 1 < tokens.count, tokens[index + 1] == "USTD" {
                    let (value, end) = until(index + 3)
                    remittance = value
                    index = end
                } else {
                    let (value, end) = until(index + 1)
                    remittance = value
                    index = end
                }
            default:
                index += 1
            }
        }
        if let remittance { text = remittance }
        if let found = iban { iban = found.trimmingCharacters(in: .whitespaces) }
        if let found = name { name = found.trimmingCharacters(in: .whitespaces) }
    }
}
