import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// Its author turns an open idea into an initiative under the flag: checked by the initiatives'
/// form rules and proposed by their own command (`ProposeInitiative`: pending until a coordinator
/// decides, the author its initiator, every supporter a member, the coordinators mailed, the
/// same caps), in one transaction with the idea becoming `proposed` (until the decision,
/// `IdeaDecision`). Posting again lands on the initiative already proposed.
struct ConvertIdea: Sendable {
    enum Outcome: Sendable, Equatable {
        case proposed(slug: String)
        case invalid(FormErrors)
        case tooManyPending, rateLimited
        case notOpen, notFound
    }

    let app: Application

    func run(_ id: UUID, _ form: InitiativeForm, by author: User, language: Language) async throws -> Outcome {
        let app = self.app
        let authorID = try author.requireID()
        let t: @Sendable (String) -> String = { app.catalogue.text($0, in: language) }
        var form = form
        form.underFlag = true
        return try await app.db.writeTransaction { [form] db -> Outcome in
            guard let idea = try await Idea.locked(id, on: db), idea.authorID == authorID else { return .notFound }
            if idea.status == .proposed, let initiativeID = idea.initiativeID,
                let earlier = try await Initiative.find(initiativeID, on: db)
            {
                return .proposed(slug: earlier.slug)
            }
            guard idea.status == .open else { return .notOpen }
            let valid: InitiativeForm.Valid
            switch form.validate(app.reference, t) {
            case .failure(let errors): return .invalid(errors)
            case .success(let checked): valid = checked
            }
            let supporters = try await IdeaSupporter.query(on: db).filter(\.$ideaID == id).all().map(\.userID)
            let initiativeID: UUID, slug: String
            switch try await ProposeInitiative(app: app).run(valid, by: authorID, members: supporters, on: db) {
            case .proposed(let madeID, let madeSlug): (initiativeID, slug) = (madeID, madeSlug)
            case .alreadyProposed:
                // Another of their initiatives by this name waits for review: not this idea's.
                var errors = FormErrors()
                errors.add("name", t("matching.idea.convert.error.name_pending"))
                return .invalid(errors)
            case .tooManyPending: return .tooManyPending
            case .rateLimited: return .rateLimited
            }
            idea.status = .proposed
            idea.initiativeID = initiativeID
            idea.updatedAt = app.clock.now()
            try await idea.save(on: db)
            try await IdeaSearch.sync(idea, on: db)
            return .proposed(slug: slug)
        }
    }
}
