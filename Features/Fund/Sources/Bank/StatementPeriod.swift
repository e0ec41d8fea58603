import Fluent
import Foundation
import SQLKit

/// What a statement must be before anything of it is booked: of the fund's own account, and
/// not of days already imported in the other format. The two formats give a line different
/// identities (the banks' references differ between them), so the same day as MT940 and as
/// CAMT would be booked twice; the treasurer imports each period in one format.
enum StatementPeriod {
    /// The first account in the file that is not the fund's (`KRACHT_FUND_IBAN`). The file may
    /// write it with spaces, in lower case, as `BIC/IBAN` or with the currency after it (MT940
    /// `:25:NL91ABNA0417164300EUR`): it is the fund's when the compact IBAN is inside it.
    static func otherAccount(_ lines: [StatementLine], fundIBAN: String) -> StatementProblem? {
        let own = compact(fundIBAN)
        var checked: Set<String> = []
        for line in lines where checked.insert(line.account).inserted {
            if own.isEmpty || !compact(line.account).contains(own) {
                let shown = line.account.trimmingCharacters(in: .whitespaces)
                return StatementProblem("other_account", ["account": shown.isEmpty ? "?" : String(shown.prefix(50)), "iban": fundIBAN])
            }
        }
        return nil
    }

    /// The days this statement shares with an import of the other format, as a refusal.
    static func overlap(_ lines: [StatementLine], format: StatementFormat, on db: any Database) async throws -> StatementProblem? {
        guard let first = lines.map(\.bookingDay).min(), let last = lines.map(\.bookingDay).max() else { return nil }
        let row = try await db.sql.raw(
            """
            SELECT MIN(l.booking_day) AS first_day, MAX(l.booking_day) AS last_day, MIN(i.format) AS format
            FROM fund_statement_lines l JOIN fund_statement_imports i ON i.id = l.import_id
            WHERE i.format <> \(bind: format.rawValue) AND l.booking_day >= \(bind: first) AND l.booking_day <= \(bind: last)
            """
        ).first()
        // Days between two of the other format's lines count too: that import covered them.
        let within = try await db.sql.raw(
            """
            SELECT MIN(i.format) AS format FROM fund_statement_imports i WHERE i.format <> \(bind: format.rawValue) AND EXISTS (
                SELECT 1 FROM fund_statement_lines a WHERE a.import_id = i.id AND a.booking_day <= \(bind: first))
              AND EXISTS (SELECT 1 FROM fund_statement_lines b WHERE b.import_id = i.id AND b.booking_day >= \(bind: last))
            """
        ).first()
        if let row, let from = try row.decode(column: "first_day", as: String?.self),
            let to = try row.decode(column: "last_day", as: String?.self)
        {
            let other = try row.decode(column: "format", as: String?.self) ?? ""
            return StatementProblem("other_format", ["from": from, "to": to, "format": name(other)])
        }
        if let within, let other = try within.decode(column: "format", as: String?.self) {
            return StatementProblem("other_format", ["from": first, "to": last, "format": name(other)])
        }
        return nil
    }

    private static func name(_ format: String) -> String { format == StatementFormat.mt940.rawValue ? "MT940" : "CAMT.053" }

    static func compact(_ text: String) -> String { text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
}
