import Fluent
import Foundation
import KrachtCore
import Vapor

/// Tells an applicant that there is news on their case — only that, with their status link, in
/// their language — and the referrer, if one applied, with a link to their case page. The mail
/// never says what the news is, what the case is about or whose it is: a shared inbox or a
/// borrowed phone shows nothing. Call it inside the transaction of the change; `referrerOnly`
/// for news only the referrer sees (a question put to them).
public enum CaseNews {
    public static func tell(
        _ application: SupportApplication, app: Application, referrerOnly: Bool = false, on db: any Database
    ) async throws {
        let sealer = app.fundSealer
        if !referrerOnly, let sealedToken = application.statusTokenSealed,
            let email = try ApplicantDetails.open(application, sealer: sealer)?.email
        {
            let token = try sealer.open(sealedToken, context: ApplicantVault.Context.statusToken)
            try await app.mailer.enqueue(
                to: email, language: application.languageValue, subjectKey: "fundhelp.mail.news.subject", view: "fundhelp/mail/news",
                context: ["link": FundHelpPath.status(.value(token)).url(on: app)], sealRecipient: true, on: db)
        }
        if let referrerID = application.referrerID, let referrer = try await User.find(referrerID, on: db) {
            try await app.mailer.enqueue(
                to: referrer.email, language: Language(rawValue: referrer.language) ?? .nl, subjectKey: "fundhelp.mail.news.subject",
                view: "fundhelp/mail/news",
                context: ["link": FundHelpPath.referrerCase(.value(try application.requireID())).url(on: app)], on: db)
        }
    }
}
