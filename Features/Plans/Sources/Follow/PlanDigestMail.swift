import Fluent
import Foundation
import KrachtCore
import Vapor

/// One person's digest as an outbox message, in their language, with the one-click
/// unsubscribe (also as the `List-Unsubscribe` header). A mail's context holds strings only, so
/// each line fills numbered fields (`i1_head`, `i1_text`, `i1_link`, … up to `shown`) that
/// `plans/digest-mail-*.leaf` show; more than that is a count with a link to my plans page.
struct PlanDigestMail {
    static let view = "plans/digest-mail"
    static let shown = 10

    let app: Application

    func enqueue(_ items: [PlanDigestItem], to user: User, on db: any Database) async throws {
        let language = Self.language(for: user, app: app)
        let token = SignedID.make(try user.requireID(), purpose: PlanDigestSwitch.tokenPurpose, key: app.config.secretKey)
        var context: [String: String] = [
            "name": user.name,
            "intro": app.catalogue.text("plans.digest.intro", in: language, count: items.count),
            "mine": PlansPath.mine.url(on: app),
            "unsubscribe": PlansPath.unsubscribe(.value(token)).url(on: app),
        ]
        for (position, item) in items.prefix(Self.shown).enumerated() {
            context["i\(position + 1)_head"] = item.head
            if !item.text.isEmpty { context["i\(position + 1)_text"] = item.text }
            context["i\(position + 1)_link"] = item.link
        }
        if items.count > Self.shown {
            context["more"] = app.catalogue.text("plans.digest.more", in: language, count: items.count - Self.shown)
        }
        try await app.mailer.enqueue(
            to: user.email, language: language, subjectKey: "plans.digest.subject", view: Self.view, context: context,
            listUnsubscribe: PlansPath.unsubscribeOneClick(token: token).url(on: app), on: db)
    }

    /// The person's language if plans speaks it, else the nearest one it does.
    static func language(for user: User, app: Application) -> Language {
        var language = user.preferredLanguage
        while app.catalogue.entry("plans.digest.subject", in: language) == nil, let next = language.fallback { language = next }
        return language
    }
}
