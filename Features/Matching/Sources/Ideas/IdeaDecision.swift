import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// What a coordinator's decision on an idea's initiative does to the idea, in the decision's
/// transaction (`app.initiativeDecisionHooks`): approved, the idea is converted (out of the
/// index) and its supporters are mailed that they are members; rejected, it is open again and
/// its supporters are no longer members of the rejected initiative.
enum IdeaDecision {
    static func hook(_ app: Application) -> @Sendable (InitiativeDecision, any Database) async throws -> Void {
        // Weakly: the app keeps its hooks, and a hook keeping the app would keep it forever.
        { [weak app] decision, db in
            guard let app else { return }
            try await apply(decision, app: app, on: db)
        }
    }

    static func apply(_ decision: InitiativeDecision, app: Application, on db: any Database) async throws {
        guard
            let found = try await Idea.query(on: db).filter(\.$initiativeID == decision.initiativeID)
                .filter(\.$status == .proposed).first(), let idea = try await Idea.locked(try found.requireID(), on: db)
        else { return }
        idea.updatedAt = decision.at
        if decision.approved {
            idea.status = .converted
        } else {
            idea.status = .open
            idea.initiativeID = nil
            // Its supporters were made members when the idea was proposed; a rejected initiative
            // never becomes public (never counted), and converting again makes a new one.
            try await InitiativeMember.query(on: db).filter(\.$initiativeID == decision.initiativeID).delete()
        }
        try await idea.save(on: db)
        try await IdeaSearch.sync(idea, on: db)
        guard decision.approved, let initiative = try await Initiative.find(decision.initiativeID, on: db) else { return }
        let supporterIDs = try await IdeaSupporter.query(on: db).filter(\.$ideaID == idea.requireID()).all().map(\.userID)
        guard !supporterIDs.isEmpty else { return }
        let link = InitiativesPath.initiative(.value(initiative.slug)).url(on: app)
        for supporter in try await User.query(on: db).filter(\.$id ~~ supporterIDs).all() {
            try await app.mailer.enqueue(
                to: supporter.email, language: supporter.preferredLanguage, subjectKey: "matching.idea.mail.approved.subject",
                subjectArguments: ["initiative": initiative.name], view: "matching/idea-mail-approved",
                context: ["name": supporter.name, "idea": idea.title, "initiative": initiative.name, "link": link], on: db)
        }
    }
}
