import Fluent
import Foundation
import KrachtCore
import Vapor

/// Erases what identifies the applicant, keeping the anonymous record (category, amounts, dates,
/// outcome, district) for the figures: the name, the details and the sealed token go, and with a
/// new random token hash the status link stops working; the messages' texts, the decisions'
/// notes, the payees and the documents (rows and files) go too. An undecided case ends as
/// `withdrawn` (a proposed decision is sent back): nobody is left to decide for. The blind
/// indexes go too, except a grant's: they keep counting against the per-person limit until its
/// period has run out (`PersonKeys.purgeExpired`). Run inside the caller's transaction: on
/// request (the status page, the committee) and by the retention job.
public enum EraseCase {
    public enum Outcome: Sendable, Equatable { case erased, alreadyErased }

    public static func run(_ application: SupportApplication, app: Application, on db: any Database) async throws -> Outcome {
        guard application.erasedAt == nil else { return .alreadyErased }
        let id = try application.requireID()
        let now = app.clock.now()
        if application.statusValue.isOpen {
            application.status = SupportApplication.Status.withdrawn.rawValue
            application.revision += 1
            try await SupportDecision.query(on: db).filter(\.$application.$id == id)
                .filter(\.$state == SupportDecision.State.proposed.rawValue).set(\.$state, to: SupportDecision.State.sentBack.rawValue)
                .update()
        }
        application.nameSealed = nil
        application.detailsSealed = nil
        application.statusTokenSealed = nil
        application.statusTokenHash = SecureToken.hash(SecureToken.make())
        application.erasedAt = now
        if application.closedAt == nil { application.closedAt = now }
        try await application.save(on: db)
        if !PersonKeys.outlastErasure(application) {
            try await SupportPersonKey.query(on: db).filter(\.$application.$id == id).delete()
        }
        try await SupportMessage.query(on: db).filter(\.$application.$id == id).set(\.$bodySealed, to: nil).update()
        try await SupportDecision.query(on: db).filter(\.$application.$id == id).set(\.$noteSealed, to: nil).update()
        try await PayoutErasure.run(applicationID: id, on: db)
        let documents = try await SupportDocument.query(on: db).filter(\.$application.$id == id).all()
        try await SupportDocument.query(on: db).filter(\.$application.$id == id).delete()
        CaseDocuments.remove(documents, app: app)
        return .erased
    }
}
