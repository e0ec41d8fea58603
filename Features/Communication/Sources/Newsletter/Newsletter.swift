import Fluent
import KrachtCore
import Vapor

/// The newsletter list: subscribe with double opt-in, districts and domains of interest,
/// one-click unsubscribe; the manifesto's "keep me informed" box feeds it (`MailingList`).
struct Newsletter: Feature {
    let name = "newsletter"

    func migrations() -> [any Migration] { [CreateNewsletterSubscribers()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.mailingList = NewsletterMailingList(app: app)
        app.footerLinks.append(NavigationEntry(textKey: "newsletter.footer", path: NewsletterPath.subscribe().path))
        try routes.register(collection: NewsletterController(app: app))
    }

    /// Confirmed and still on the list.
    func indicators() -> [Indicator] {
        var indicator = Indicator(key: "newsletter_subscribers", unit: "count") { db in
            Int64(try await NewsletterSubscriber.query(on: db).filter(\.$status == .confirmed).count())
        }
        indicator.byDistrict = { app in
            var counts: [String: Int64] = [:]
            for district in app.reference.districts {
                counts[district.slug] = Int64(
                    try await NewsletterSubscriber.query(on: app.db).filter(\.$status == .confirmed)
                        .filter(\.$districtsList ~~ ",\(district.slug),").count())
            }
            return counts
        }
        return [indicator]
    }

    func reachedPeopleQueries() -> [String] { ["SELECT mailbox FROM newsletter_subscribers WHERE status = 'confirmed'"] }

    func weeklySeries() -> [WeeklySeries] {
        [
            WeeklySeries(key: "newsletter_subscribed", labelKey: "newsletter.series.subscribed") { weeks, app in
                try await NewsletterWeeks.count(column: "confirmed_at", weeks: weeks, app: app)
            },
            WeeklySeries(key: "newsletter_unsubscribed", labelKey: "newsletter.series.unsubscribed") { weeks, app in
                try await NewsletterWeeks.count(column: "unsubscribed_at", weeks: weeks, app: app)
            },
        ]
    }

    func referrals() -> [Referral] {
        [
            Referral(key: "newsletter", labelKey: "newsletter.referral") { codes, app in
                guard !codes.isEmpty else { return 0 }
                return Int64(
                    try await NewsletterSubscriber.query(on: app.db).filter(\.$status == .confirmed).filter(
                        \.$ref ~~ codes.map(Optional.some)
                    ).count())
            }
        ]
    }

    func mailBounced(recipient: String, view: String, app: Application) async throws {
        let mailbox = EmailAddress.canonicalMailbox(recipient)
        try await NewsletterSubscriber.query(on: app.db).filter(\.$mailbox == mailbox).filter(\.$bouncedAt == nil)
            .set(\.$bouncedAt, to: app.clock.now()).update()
    }

    func openAPIPaths() -> [String: JSONValue] { NewsletterStats.openAPIPaths() }

    func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await NewsletterPersonalData.export(of: user, on: app.db)
    }

    func eraseData(of user: User, app: Application, on db: any Database) async throws {
        try await NewsletterPersonalData.erase(of: user, on: db)
    }

    func purgeExpired(now: Date, app: Application) async throws { try await NewsletterPersonalData.purge(now: now, on: app.db) }

    func verify(app: Application) async throws -> [String] { try await NewsletterPersonalData.verify(on: app.db) }

    func seedDemo(app: Application, people: DemoPeople) async throws { try await NewsletterDemo.seed(app: app) }

    func commands() -> [String: any AnyAsyncCommand] { ["newsletter": NewsletterCommand()] }
}
