import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The blind indexes that let the committee see that the same person applied before: a keyed
/// hash of the normalised phone number, e-mail address and name, never the plain values. Each
/// value is normalised first so that the same person typing it differently still matches.
enum PersonKeys {
    /// Digits only, with a Dutch number in one form: `+31 6 1234 5678`, `0031612345678` and
    /// `06-12345678` are all `0612345678`; another country keeps its `00` prefix. Arabic-Indic
    /// digits count as the same digits (`٠٦١٢٣٤٥٦٧٨` = `0612345678`).
    static func phone(_ raw: String) -> String? {
        let trimmed = Money.westernDigits(raw).trimmingCharacters(in: .whitespaces)
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

    /// A granted case's keys outlive its erasure: without them a person could erase a grant and
    /// ask again as if for the first time. They are keyed hashes, not the values.
    static func outlastErasure(_ application: SupportApplication) -> Bool { (application.grantedCents ?? 0) > 0 }

    /// Deletes the keys of erased cases once the per-person period of the criteria in force has
    /// run out from the decision (at once without criteria). Run by the daily retention purge.
    static func purgeExpired(now: Date, on db: any Database) async throws {
        let days = try await CriteriaVersion.current(at: now, on: db)?.perPersonDays ?? 0
        let before = now.addingTimeInterval(-Double(days) * 86_400)
        try await db.sql.raw(
            """
            DELETE FROM support_person_keys WHERE application_id IN (SELECT id FROM support_applications
            WHERE erased_at IS NOT NULL AND (decided_at IS NULL OR decided_at < \(bind: before)))
            """
        ).run()
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
