import Fluent
import KrachtCore
import Vapor

/// What the manifesto holds on one person, for their account export and their erasure:
/// the signatures under their address or account, and the follow-ups they chose.
enum PersonalData {
    static func signatures(of user: User, on db: any Database) async throws -> [Signature] {
        let canonical = EmailAddress.canonicalMailbox(user.email)
        return try await Signature.query(on: db).group(.or) {
            $0.filter(\.$emailCanonical == canonical).filter(\.$userID == user.id)
        }.sort(\.$createdAt).all()
    }

    /// Every stored field of every signature, with its follow-ups.
    static func export(of user: User, on db: any Database) async throws -> JSONValue {
        let signatures = try await signatures(of: user, on: db)
        let ids = signatures.compactMap(\.id)
        let followUps = ids.isEmpty ? [] : try await FollowUp.query(on: db).filter(\.$signature.$id ~~ ids).sort(\.$createdAt).all()
        let byID = Dictionary(grouping: followUps, by: { $0.$signature.id })
        var codes: [UUID: String] = [:]
        for id in ids { codes[id] = try await ShareCode.stored(signatureID: id, on: db) }
        return .array(
            signatures.map { s in
                let chosen = (s.id.flatMap { byID[$0] } ?? []).map { f -> JSONValue in
                    ["action": .string(f.action), "campaign": optional(f.campaign), "chosen_at": time(f.createdAt)]
                }
                return [
                    "name": .string(s.name), "email": optional(s.email), "district": .string(s.district),
                    "postcode": optional(s.postcode), "show_name": .bool(s.showName), "newsletter": .bool(s.newsletter),
                    "volunteer_interest": .bool(s.volunteerInterest), "campaign": optional(s.campaign),
                    // The code in the link they share; sign-ups through it carry it as their campaign.
                    "share_code": optional(s.id.flatMap { codes[$0] }),
                    "source": .string(s.source), "paper_sheet": optional(s.paperSheet), "status": .string(s.status),
                    "version": .int(Int64(s.versionNumber)), "signed_at": time(s.createdAt), "confirmed_at": time(s.confirmedAt),
                    "last_mailed_at": time(s.lastMailAt), "email_domain": optional(s.emailDomain),
                    // Kept 30 days to spot abuse; a keyed hash, not the address itself.
                    "ip_address_hash": optional(s.ipHash),
                    "follow_ups": .array(chosen),
                ]
            })
    }

    /// The signature keeps counting, without the person in it (its follow-ups keep counting for
    /// the campaign, tied to no one).
    static func erase(of user: User, on db: any Database) async throws {
        for signature in try await signatures(of: user, on: db) {
            try await anonymise(signature, on: db)
        }
    }

    static func anonymise(_ signature: Signature, on db: any Database) async throws {
        signature.name = ""
        signature.email = nil
        signature.emailCanonical = nil
        signature.emailDomain = nil
        signature.postcode = nil
        signature.ipHash = nil
        signature.userID = nil
        signature.showName = false
        signature.newsletter = false
        signature.volunteerInterest = false
        signature.tokenHash = nil
        if let id = signature.id {
            try await SignatureLinks.forget(signatureID: id, on: db)
            try await ShareCode.forget(signatureID: id, on: db)
        }
        try await signature.save(on: db)
    }

    private static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func time(_ date: Date?) -> JSONValue { date.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null }
}
