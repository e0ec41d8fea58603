import Foundation
import KrachtCore
import Vapor

/// One mailing's message for one subscriber, for the outbox: the subject, the body as mail HTML
/// and text (`SafeMarkdown`: no images, no raw HTML, absolute links — nothing in it loads from
/// anywhere), and the footer in the subscriber's language (the outbox renders the view in it):
/// why they get it, their preferences and unsubscribe links, the one-click address in
/// `List-Unsubscribe`, and the mailing in the archive ("view in your browser").
struct MailingMessage: Sendable {
    static let view = "communication/mailing-mail"

    var subject: String
    var html: String
    var text: String
    var archive: String

    init(_ mailing: Mailing, app: Application) throws {
        subject = mailing.subject
        html = SafeMarkdown.mailHTML(mailing.body, baseURL: app.config.baseURL)
        text = SafeMarkdown.mailText(mailing.body, baseURL: app.config.baseURL)
        archive = MailingsPath.archived(.value(try mailing.requireID())).url(on: app)
    }

    func compose(to email: String, language: Language, links: NewsletterLinks, app: Application) throws -> PendingMail {
        try app.mailer.compose(
            to: email, language: language, subjectKey: "mailings.mail.subject", subjectArguments: ["subject": subject],
            view: Self.view, context: context(preferences: links.preferences, unsubscribe: links.unsubscribe),
            listUnsubscribe: links.oneClick)
    }

    /// The coordinator's own copy: marked as a test in its subject; its footer links go to the
    /// list's pages, as the coordinator need not be on the list.
    func composeTest(to email: String, language: Language, app: Application) throws -> PendingMail {
        let subscribe = NewsletterPath.subscribe().url(on: app)
        return try app.mailer.compose(
            to: email, language: language, subjectKey: "mailings.mail.test_subject", subjectArguments: ["subject": subject],
            view: Self.view, context: context(preferences: subscribe, unsubscribe: subscribe))
    }

    private func context(preferences: String, unsubscribe: String) -> [String: String] {
        ["body_html": html, "body_text": text, "preferences": preferences, "unsubscribe": unsubscribe, "archive": archive]
    }
}
