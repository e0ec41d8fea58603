import Fluent
import Foundation
import KrachtCore
import Vapor

/// The list's own mails, in the subscriber's language, written to the outbox in the caller's
/// transaction: the confirmation link, and "you are already subscribed" with the preferences.
struct NewsletterMail {
    static let confirmView = "communication/newsletter-confirm"
    static let alreadyView = "communication/newsletter-already"

    let app: Application

    func greeting(_ row: NewsletterSubscriber) -> String {
        guard let name = row.name, !name.isEmpty else { return app.catalogue.text("newsletter.mail.greeting", in: row.preferredLanguage) }
        return app.catalogue.text("mail.greeting", in: row.preferredLanguage, ["name": name])
    }

    func confirm(_ row: NewsletterSubscriber, secret: String, on db: any Database) async throws {
        try await app.mailer.enqueue(
            to: row.email, language: row.preferredLanguage, subjectKey: "newsletter.mail.confirm.subject", view: Self.confirmView,
            context: ["greeting": greeting(row), "link": NewsletterPath.confirm(.value(secret)).url(on: app)], on: db)
    }

    func already(_ row: NewsletterSubscriber, on db: any Database) async throws {
        let links = NewsletterLinks(subscriberID: try row.requireID(), app: app)
        try await app.mailer.enqueue(
            to: row.email, language: row.preferredLanguage, subjectKey: "newsletter.mail.already.subject", view: Self.alreadyView,
            context: ["greeting": greeting(row), "link": links.preferences, "unsubscribe": links.unsubscribe],
            listUnsubscribe: links.oneClick, on: db)
    }
}
