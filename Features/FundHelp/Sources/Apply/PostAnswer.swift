import Fluent
import Foundation
import KrachtCore
import Vapor

/// The applicant (on their status page) or their referrer writes to the committee, mostly to
/// answer its question: the text is sealed, a case waiting for an answer goes back to the
/// committee (`question` → `received`), and the case shows in the queue as written to
/// (`applicantWroteAt`), also once granted (a changed IBAN). A closed case takes no messages.
struct PostAnswer: Sendable {
    enum Outcome: Sendable, Equatable {
        /// `reopened`: the case was waiting for this answer and is with the committee again.
        case posted(reopened: Bool)
        case invalid(String)
        /// Erased or unknown: nothing to write to.
        case gone
        /// Paid, declined, referred or withdrawn: nobody reads it any more.
        case closed
    }

    static let bodyMax = 2_000

    let app: Application

    func run(applicationID: UUID, body: String?, author: SupportMessage.Author, user: User?, language: Language) async throws -> Outcome {
        let (text, problem) = TextField.check(body, maxLength: Self.bodyMax, singleLine: false)
        if let problem {
            return .invalid(TextField.message(for: problem, maxLength: Self.bodyMax) { app.catalogue.text($0, in: language) })
        }
        let sealed = try app.fundSealer.seal(text, context: ApplicantVault.Context.message)
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let application = try await SupportApplication.locked(applicationID, on: db), application.erasedAt == nil else {
                return .gone
            }
            guard !application.statusValue.isClosed else { return .closed }
            let message = SupportMessage()
            message.$application.id = applicationID
            message.author = author.rawValue
            message.userID = user?.id
            message.bodySealed = sealed
            message.createdAt = now
            try await message.create(on: db)
            application.applicantWroteAt = now
            let reopened = application.statusValue == .question
            if reopened {
                application.status = SupportApplication.Status.received.rawValue
                application.revision += 1
            }
            try await application.save(on: db)
            return .posted(reopened: reopened)
        }
    }
}
