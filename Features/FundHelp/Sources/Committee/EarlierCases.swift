import Fluent
import Foundation
import KrachtCore

/// Other cases of the same person: any case sharing a blind index of the normalised phone
/// number or e-mail address; a case sharing only the name may be someone else (a common name),
/// so it is shown to the committee but never counted against the per-person limit. The values are opened from this case and indexed under every
/// key the fund's sealer holds, so cases indexed before a key rotation still match; the case's
/// own stored keys are searched too (they still work once its details are erased).
enum EarlierCases {
    struct Match {
        var application: SupportApplication
        /// `phone`, `email`, `name`: what this case shares with the other one.
        var kinds: [String]
        /// A shared phone number or e-mail address: the same person, counted against the limit.
        var isSamePerson: Bool { kinds.contains("phone") || kinds.contains("email") }
    }

    /// The cases that count against the per-person limit: those sharing a phone or e-mail.
    static func samePerson(as application: SupportApplication, sealer: FieldSealer, on db: any Database) async throws
        -> [SupportApplication]
    {
        try await find(for: application, sealer: sealer, on: db).filter(\.isSamePerson).map(\.application)
    }

    static func find(for application: SupportApplication, sealer: FieldSealer, on db: any Database) async throws -> [Match] {
        let id = try application.requireID()
        var keys = Set(try await SupportPersonKey.query(on: db).filter(\.$application.$id == id).all().map(\.key))
        for (kind, value) in normalisedValues(of: application, sealer: sealer) {
            keys.formUnion(sealer.blindIndexes(value, context: ApplicantVault.Context.person(kind)))
        }
        guard !keys.isEmpty else { return [] }
        let shared = try await SupportPersonKey.query(on: db).filter(\.$key ~~ Array(keys)).filter(\.$application.$id != id).all()
        var kindsByCase: [UUID: Set<String>] = [:]
        for key in shared { kindsByCase[key.$application.id, default: []].insert(key.kind) }
        guard !kindsByCase.isEmpty else { return [] }
        let cases = try await SupportApplication.query(on: db).filter(\.$id ~~ Array(kindsByCase.keys)).sort(\.$createdAt, .descending)
            .all()
        return cases.map { Match(application: $0, kinds: (kindsByCase[$0.id!] ?? []).sorted()) }
    }

    /// The case's name, phone and e-mail, normalised as `PersonKeys` does when the case is made.
    static func normalisedValues(of application: SupportApplication, sealer: FieldSealer) -> [(String, String)] {
        var values: [(String, String)] = []
        if let sealed = application.nameSealed, let name = try? sealer.open(sealed, context: ApplicantVault.Context.name) {
            values.append(("name", PersonKeys.name(name)))
        }
        if let details = CaseDetails.open(application, sealer: sealer) {
            if let phone = details.phone.flatMap(PersonKeys.phone) { values.append(("phone", phone)) }
            if let email = details.email { values.append(("email", PersonKeys.email(email))) }
        }
        return values.filter { !$0.1.isEmpty }
    }
}

/// Opening a case's sealed fields for a page that shows them (the read is logged by the caller).
enum CaseDetails {
    static func open(_ application: SupportApplication, sealer: FieldSealer) -> ApplicantDetails? {
        (try? ApplicantDetails.open(application, sealer: sealer)) ?? nil
    }

    static func name(_ application: SupportApplication, sealer: FieldSealer) -> String? {
        application.nameSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.name) }
    }
}
