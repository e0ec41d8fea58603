import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// One resident's digest as an outbox message: each action with its initiative, when, its
/// reasons in words and its link, in the resident's language, and the one-click unsubscribe
/// link (also as the `List-Unsubscribe` header). A mail's context holds strings only, so each
/// action fills numbered fields (`m1_title`, … `f5_link`) that `matching/digest-mail-*.leaf` show.
struct DigestMail: Sendable {
    static let view = "matching/digest-mail"
    let app: Application
    let now: Date
    /// Names of the skills the actions ask (`OpenActionCatalogue.Snapshot.skillNames`).
    let skillNames: [UUID: String]

    func compose(_ digest: DigestNews.Digest, to recipient: DigestRecipients.Recipient) throws -> PendingMail {
        let language = recipient.language
        let token = SignedID.make(recipient.profile.userID, purpose: UnsubscribeFromDigest.tokenPurpose, key: app.config.secretKey)
        var context: [String: String] = [
            "name": recipient.name,
            "link": MatchingPath.forYou.url(on: app),
            "profile": MatchingPath.profile.url(on: app),
            "unsubscribe": MatchingPath.digestUnsubscribe(.value(token)).url(on: app),
        ]
        let count = digest.matches.count + digest.followed.count
        context["intro"] = app.catalogue.text("matching.mail.digest.intro", in: language, count: count)
        if !digest.matches.isEmpty { context["matches"] = "1" }
        if !digest.followed.isEmpty { context["followed"] = "1" }
        for (position, match) in digest.matches.enumerated() { fill(&context, "m\(position + 1)", match, language, follows: false) }
        for (position, match) in digest.followed.enumerated() { fill(&context, "f\(position + 1)", match, language, follows: true) }
        return try app.mailer.compose(
            to: recipient.email, language: language, subjectKey: "matching.mail.digest.subject", view: Self.view, context: context,
            listUnsubscribe: MatchingPath.digestOneClick(token: token).url(on: app))
    }

    private func fill(_ context: inout [String: String], _ prefix: String, _ match: Match, _ language: Language, follows: Bool) {
        let action = match.action
        var reasons = MatchReasonText.words(match.reasons, in: language, skillNames: skillNames, app: app).map(\.plain)
        if follows { reasons.insert(app.catalogue.text("matching.mail.digest.you_follow", in: language), at: 0) }
        context["\(prefix)_title"] = action.title
        context["\(prefix)_initiative"] = action.initiativeName
        context["\(prefix)_when"] = when(action, language)
        context["\(prefix)_reasons"] = reasons.joined(separator: " · ")
        context["\(prefix)_link"] = app.config.baseURL + action.path
    }

    /// A task's date and time, a shift's weekly window, or "when it suits you" for a role.
    private func when(_ action: MatchAction, _ language: Language) -> String {
        if action.kind == .task, let start = action.startsAt {
            return AmsterdamTime.format(start, "EEEE d MMMM, HH:mm", in: language)
        }
        if action.kind == .shift, let cell = action.slots.cells.first {
            return ShiftWords.every(weekday: cell.weekday, part: cell.part) { app.catalogue.text($0, in: language, $1) }
        }
        return app.catalogue.text("matching.mail.digest.any_time", in: language)
    }
}
