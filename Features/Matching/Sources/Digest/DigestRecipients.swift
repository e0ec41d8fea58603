import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit

/// A page of residents due a digest, with what matching needs of them: range queries on indexed
/// columns per page (profiles with their accounts, skills, domains, follows, asks and organisers),
/// never one per person.
enum DigestRecipients {
    struct Recipient: Sendable {
        var profile: MatchProfile
        var name: String
        var email: String
        var language: Language
        var lastDigestAt: Date?
        var follows: Set<UUID>
        /// Actions they asked to join and initiatives they organise: not offered again.
        var own = OwnActions()
    }

    /// Opted-in profiles of confirmed accounts, due (never mailed, or before `dueBefore`), after
    /// `after` in user-id order.
    static func page(after: UUID?, dueBefore: Date, limit: Int, on db: any Database) async throws -> [Recipient] {
        let start = after ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        let rows = try await db.sql.raw(
            """
            SELECT p.user_id, p.district, p.area, p.availability, p.languages, p.last_digest_at, u.name, u.email, u.language AS user_language
            FROM resident_profiles p JOIN users u ON u.id = p.user_id
            WHERE p.digest = \(bind: true) AND u.email_confirmed_at IS NOT NULL
            AND (p.last_digest_at IS NULL OR p.last_digest_at <= \(bind: dueBefore))
            AND p.user_id > \(bind: start)
            ORDER BY p.user_id LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        var recipients: [Recipient] = []
        recipients.reserveCapacity(rows.count)
        for row in rows {
            let language = Language(rawValue: try row.decode(column: "user_language", as: String.self)) ?? .nl
            recipients.append(
                Recipient(
                    profile: MatchProfile(
                        userID: try row.decode(column: "user_id", as: UUID.self),
                        district: try row.decode(column: "district", as: String?.self),
                        area: try row.decode(column: "area", as: String?.self),
                        availability: AvailabilityGrid(bits: try row.decode(column: "availability", as: Int.self)),
                        languages: Set(SpokenLanguage.split(try row.decode(column: "languages", as: String.self)))),
                    name: try row.decode(column: "name", as: String.self), email: try row.decode(column: "email", as: String.self),
                    // Mail goes in a language the site offers; another one falls back as the site does.
                    language: Language.site.contains(language) ? language : (language.fallback ?? .nl),
                    lastDigestAt: try row.decode(column: "last_digest_at", as: Date?.self), follows: []))
        }
        let first = recipients[0].profile.userID, last = recipients[recipients.count - 1].profile.userID
        var index: [UUID: Int] = [:]
        for (position, recipient) in recipients.enumerated() { index[recipient.profile.userID] = position }
        // The page's id range, not an IN list: rows of residents not due are skipped here.
        for row in try await range("SELECT user_id, skill_id AS value FROM profile_skills", first, last, db) {
            guard let at = index[try row.decode(column: "user_id", as: UUID.self)] else { continue }
            recipients[at].profile.skills.insert(try row.decode(column: "value", as: UUID.self))
        }
        for row in try await range("SELECT user_id, domain AS value FROM profile_domains", first, last, db) {
            guard let at = index[try row.decode(column: "user_id", as: UUID.self)] else { continue }
            recipients[at].profile.domains.insert(try row.decode(column: "value", as: String.self))
        }
        for row in try await range("SELECT user_id, initiative_id AS value FROM initiative_follows", first, last, db) {
            guard let at = index[try row.decode(column: "user_id", as: UUID.self)] else { continue }
            recipients[at].follows.insert(try row.decode(column: "value", as: UUID.self))
        }
        for row in try await range("SELECT user_id, action_id AS value, state FROM action_participations", first, last, db) {
            guard let at = index[try row.decode(column: "user_id", as: UUID.self)],
                try row.decode(column: "state", as: String.self) != Participation.State.withdrawn.rawValue
            else { continue }
            recipients[at].own.actions.insert(try row.decode(column: "value", as: UUID.self))
        }
        for row in try await range("SELECT user_id, initiative_id AS value FROM initiative_organisers", first, last, db) {
            guard let at = index[try row.decode(column: "user_id", as: UUID.self)] else { continue }
            recipients[at].own.initiatives.insert(try row.decode(column: "value", as: UUID.self))
        }
        return recipients
    }

    private static func range(_ select: String, _ first: UUID, _ last: UUID, _ db: any Database) async throws -> [any SQLRow] {
        try await db.sql.raw("\(unsafeRaw: select) WHERE user_id >= \(bind: first) AND user_id <= \(bind: last)").all()
    }
}
