import Foundation
import KrachtCore

/// An MT940 customer statement as Dutch banks write it: `:25:` the account, `:60F:` the opening
/// balance (and the statement's currency), then per movement a `:61:` (date, C/D mark, amount,
/// references) and its `:86:` (ING, Rabobank and ABN AMRO write structured fields such as
/// `/EREF/`, `/CNTP/`, `/NAME/`, `/IBAN/`, `/REMI/STRD/CUR/RF…/`; older files free text).
/// Read line by line; a field that does not read is refused with its line number.
enum MT940Reader {
    private struct Pending {
        var line: Int, day: String, cents: Int64, ownerReference: String, bankReference: String, details = ""
    }

    static func read(_ data: Data) throws -> [StatementLine] {
        var lines: [StatementLine] = []
        var identities = ContentIdentity()
        var account = "", currency = ""
        var pending: Pending?
        var field = "", value = "", fieldLine = 0

        func finish() throws {
            defer { field = "" }
            switch field {
            case "25": account = value.trimmingCharacters(in: .whitespaces)
            case "60F", "60M":
                guard value.count >= 10 else { throw StatementProblem("mt940_field", ["line": "\(fieldLine)", "field": ":\(field):"]) }
                currency = String(value.dropFirst(7).prefix(3))
            case "61":
                if let done = pending { lines.append(line(done)) }
                pending = try movement(value, line: fieldLine)
            case "86":
                pending?.details = value
            default: break
            }
        }
        func line(_ movement: Pending) -> StatementLine {
            let details = MT940Details(movement.details)
            let identity: String
            if !movement.bankReference.isEmpty {
                identity = "mt940:\(account):\(movement.day):\(movement.cents):\(movement.bankReference)"
            } else {
                identity = identities.identity(of: [
                    "mt940", account, movement.day, "\(movement.cents)", movement.ownerReference, movement.details,
                ])
            }
            return StatementLine(
                identity: identity, account: account, bookingDay: movement.day, amountCents: movement.cents, currency: currency,
                counterpartyName: details.name, counterpartyIBAN: details.iban, structuredReference: details.structured,
                text: details.text, isReturn: details.isReturn, fileLine: movement.line, endToEndID: details.endToEnd,
                batchID: details.batch)
        }

        var number = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let bytes = raw.last == 0x0D ? raw.dropLast() : raw[...]
            let text = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) ?? ""
            if text.hasPrefix(":"), let end = text.dropFirst().firstIndex(of: ":") {
                try finish()
                field = String(text[text.index(after: text.startIndex)..<end])
                value = String(text[text.index(after: end)...])
                fieldLine = number
            } else if text.hasPrefix("-") || text.hasPrefix("{") {
                try finish()
                if let done = pending { lines.append(line(done)) }
                pending = nil
            } else if !field.isEmpty {
                // A field continues on the next line; structured :86: fields wrap mid-word.
                value += field == "86" ? text : "\n" + text
            }
        }
        try finish()
        if let done = pending { lines.append(line(done)) }
        guard !account.isEmpty || !lines.isEmpty else { throw StatementProblem("unknown_format") }
        return lines
    }

    /// `:61:YYMMDD[MMDD](C|D|RC|RD)[funds code]amount,cc<type><owner ref>[//bank ref]`.
    private static func movement(_ value: String, line: Int) throws -> Pending {
        let problem = StatementProblem("mt940_field", ["line": "\(line)", "field": ":61:"])
        var rest = Substring(value.split(separator: "\n", maxSplits: 1).first ?? "")
        let date = rest.prefix(6)
        guard date.count == 6, date.allSatisfy(\.isNumber), let year = Int(date.prefix(2)) else { throw problem }
        let day = "\(year < 80 ? 2000 + year : 1900 + year)-\(date.dropFirst(2).prefix(2))-\(date.suffix(2))"
        guard AmsterdamTime.parseDay(day) != nil else { throw problem }
        rest = rest.dropFirst(6)
        if rest.prefix(4).count == 4, rest.prefix(4).allSatisfy(\.isNumber) { rest = rest.dropFirst(4) }
        let sign: Int64
        if rest.hasPrefix("RC") {
            sign = -1
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("RD") {
            sign = 1
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("C") {
            sign = 1
            rest = rest.dropFirst()
        } else if rest.hasPrefix("D") {
            sign = -1
            rest = rest.dropFirst()
        } else {
            throw problem
        }
        if let first = rest.first, first.isLetter { rest = rest.dropFirst() }
        let amountText = rest.prefix { $0.isNumber || $0 == "," }
        guard let cents = StatementAmount.cents(amountText, separator: ","), cents > 0 else { throw problem }
        rest = rest.dropFirst(amountText.count).dropFirst(4)  // the transaction type: N, S or F and three characters
        let parts = rest.components(separatedBy: "//")
        let owner = parts.first ?? ""
        let bank = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        return Pending(line: line, day: day, cents: sign * cents, ownerReference: owner, bankReference: bank == "NONREF" ? "" : bank)
    }
}
