import Fluent
import Foundation
import KrachtCore
import Vapor

/// A committee question on an open case, to the applicant (on their status page) or to the
/// referrer (on theirs): a sealed message; the case waits for the answer (`question`) and the
/// applicant or referrer is told there is news.
struct AskQuestion: Sendable {
    enum Outcome: Sendable, Equatable {
        case asked
        case invalid(FormErrors)
        /// A grant is proposed: approve it or send it back first.
        case proposalPending
        case notOpen, decidedMeanwhile, notFound
    }

    static let maxText = 2000

    let app: Application

    func run(_ id: UUID, to addressee: String?, text: String?, revision: Int?, by member: User, language: Language) async throws -> Outcome
    {
        let app = self.app
        let memberID = try member.requireID()
        let t: @Sendable (String) -> String = { key in app.catalogue.text(key, in: language) }
        return try await app.db.writeTransaction { db -> Outcome in
            guard let application = try await SupportApplication.locked(id, on: db) else { return .notFound }
            if let revision, revision != application.revision { return .decidedMeanwhile }
            if application.statusValue == .proposed { return .proposalPending }
            guard application.statusValue.isOpen, application.erasedAt == nil else { return .notOpen }
            var errors = FormErrors()
            let to = addressee == "referrer" && application.referrerID != nil ? "referrer" : addressee == "applicant" ? "applicant" : nil
            if to == nil { errors.add("to", t("fundhelp.committee.error.addressee")) }
            let (body, problem) = TextField.check(text, maxLength: Self.maxText, singleLine: false)
            if let problem { errors.add("question", TextField.message(for: problem, maxLength: Self.maxText, t)) }
            guard errors.isEmpty, let to else { return .invalid(errors) }
            guard try await CaseRevision.claim(application, expected: application.revision, on: db) else { return .decidedMeanwhile }
            let message = SupportMessage()
            message.$application.id = id
            message.author = SupportMessage.Author.committee.rawValue
            message.userID = memberID
            message.addressedTo = to
            message.bodySealed = try app.fundSealer.seal(body, context: ApplicantVault.Context.message)
            message.createdAt = app.clock.now()
            try await message.create(on: db)
            application.status = SupportApplication.Status.question.rawValue
            try await application.save(on: db)
            try await AuditEvent.record("fundhelp.case.question", subject: "support_application:\(id)", details: to, by: memberID, on: db)
            try await CaseNews.tell(application, app: app, referrerOnly: to == "referrer", on: db)
            return .asked
        }
    }
}
