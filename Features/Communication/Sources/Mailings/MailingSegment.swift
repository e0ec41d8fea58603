import Fluent
import Foundation
import KrachtCore
import Vapor

/// Who a mailing reaches: confirmed subscribers whose mail has not bounced, AND with one of the
/// chosen districts among their districts of interest (a subscriber who chose no district wants
/// all of them, so is in every district), AND likewise for domains, AND — when audiences are
/// chosen — whose mailbox is in one of those audiences (signers, donors, attendees: every
/// feature's `audiences()`). Nothing chosen: every confirmed subscriber.
struct MailingSegment: Sendable {
    var districts: [String]
    var domains: [String]
    var audiences: [String]

    init(districts: [String], domains: [String], audiences: [String]) {
        (self.districts, self.domains, self.audiences) = (districts, domains, audiences)
    }

    init(_ mailing: Mailing) {
        self.init(districts: mailing.districts, domains: mailing.domains, audiences: mailing.audiences)
    }

    /// Every audience the features offer, by key.
    static func offered(app: Application) -> [Audience] {
        app.features.flatMap { $0.audiences() }
    }

    /// The subscribers' ids, in the order of their ids.
    func subscriberIDs(app: Application, on db: any Database) async throws -> [UUID] {
        var query = NewsletterSubscriber.query(on: db).filter(\.$status == .confirmed).filter(\.$bouncedAt == nil)
        // Districts, then domains: none chosen by the subscriber (",") or one of the chosen.
        for (list, chosen) in [(\NewsletterSubscriber.$districtsList, districts), (\NewsletterSubscriber.$domainsList, domains)]
        where !chosen.isEmpty {
            query = query.group(.or) { any in
                any.filter(list == ",")
                for slug in chosen { any.filter(list ~~ ",\(slug),") }
            }
        }
        let rows = try await query.field(\.$id).field(\.$mailbox).sort(\.$id).all()
        guard !audiences.isEmpty else { return rows.compactMap(\.id) }
        var mailboxes = Set<String>()
        for audience in Self.offered(app: app) where audiences.contains(audience.key) {
            mailboxes.formUnion(try await audience.mailboxes(app))
        }
        return rows.filter { mailboxes.contains($0.mailbox) }.compactMap(\.id)
    }

    func count(app: Application) async throws -> Int { try await subscriberIDs(app: app, on: app.db).count }
}
