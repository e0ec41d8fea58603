import Fluent
import Foundation
import KrachtCore
import Vapor

/// The applicant adds supporting documents from their status page: checked by their bytes,
/// sealed into the data folder, their rows written only if the case is still there.
struct AddDocuments: Sendable {
    enum Outcome: Sendable, Equatable {
        case added
        case invalid(String)
        case gone
    }

    let app: Application

    func run(_ application: SupportApplication, files: [UploadedForm.FilePart], language: Language) async throws -> Outcome {
        let settings = app.fundHelpSettings
        let id = try application.requireID()
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        guard !files.isEmpty else { return .invalid(t("fundhelp.status.error.no_file", [:])) }
        let stored = try await SupportDocument.query(on: app.db).filter(\.$application.$id == id).count()
        if let problem = CaseDocuments.check(files, settings: settings, alreadyStored: stored) {
            return .invalid(CaseDocuments.message(problem, settings: settings, t: t))
        }
        let documents = try CaseDocuments.write(files, app: app, now: app.clock.now())
        do {
            let added = try await app.db.writeTransaction { db in
                guard let locked = try await SupportApplication.locked(id, on: db), locked.erasedAt == nil else { return false }
                for document in documents {
                    document.$application.id = id
                    try await document.create(on: db)
                }
                return true
            }
            if !added { CaseDocuments.remove(documents, app: app) }
            return added ? .added : .gone
        } catch {
            CaseDocuments.remove(documents, app: app)
            throw error
        }
    }
}
