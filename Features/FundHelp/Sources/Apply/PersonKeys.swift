import Foundation
import KrachtCore
import Vapor

/// The blind indexes that let the committee see that the same person applied before: a keyed
/// hash of the normalised phone number, e-mail address and name, never the plain values. Each
/// value is normalised first so that the same person typing it differently still matches.
enum PersonKeys {
    /// Digits only, with a Dutch number in one form: `+31 6 1234 5678`, `0031612345678` and
    /// `06-12345678` are all `0612345678`; another country keeps its `00` prefix.
    static func phone(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        var digits = trimmed.filter { $0.isASCII && $0.isNumber }
        if trimmed.hasPrefix("+") { digits = "00" + digits }
        if digits.hasPrefix("0031") { digits = "0" + digits.dropFirst(4) }
        return digits.count >= 6 ? digits : nil
    }

    static func email(_ raw: String) -> String { EmailAddress.canonicalMailbox(raw) }

    /// Lower-cased, diacritics folded (`Müller` = `muller`), whitespace collapsed.
    static func name(_ raw: String) -> String {
        raw.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The case's keys: one per way of recognising the person that was given.
    static func make(applicationID: UUID, name: String, phone: String?, email: String?, sealer: FieldSealer) -> [SupportPersonKey] {
        var values: [(String, String)] = [("name", Self.name(name))]
        if let phone, let normal = Self.phone(phone) { values.append(("phone", normal)) }
        if let email { values.append(("email", Self.email(email))) }
        return values.filter { !$0.1.isEmpty }.map { kind, value in
            SupportPersonKey(
                applicationID: applicationID, kind: kind, key: sealer.blindIndex(value, context: ApplicantVault.Context.person(kind)))
        }
    }
}
