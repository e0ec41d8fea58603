import Fluent
import KrachtCore
import Vapor

/// Proposing a new activity or another text, the list, one suggestion with its diff, and the coordinators' decision.
struct SuggestionsController: RouteCollection {
    struct ProposeForm: Decodable {
        var kind, section, title, body, timing, needs, domain, district, explanation: String?
    }
    struct DecideForm: Decodable {
        var decision, reason: String?
        var merged_into: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(PlansPath.suggestions(.key), use: list)
        anyone.get(PlansPath.suggestion(.key, id: .key), use: show)
        let signedIn = routes.access(.signedIn)
        signedIn.get(PlansPath.suggest(.key), use: form)
        signedIn.post(PlansPath.suggest(.key), use: propose)
        routes.access(.role(.coordinator)).post(PlansPath.decideSuggestion(.key, id: .key), use: decide)
    }

    func list(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        return try await req.render(
            "plans/suggestions", titleKey: "plans.suggest.list.title", titleArguments: ["plan": plan.title],
            try await SuggestionsPage.load(plan, req: req))
    }

    func show(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        return try await SuggestionPage.render(req, plan: plan, suggestion: try await suggestion(req, of: plan))
    }

    func form(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let kind = (try? req.query.get(String.self, at: "soort")).flatMap(PlanSuggestion.Kind.init(rawValue:)) ?? .activity
        let section = (try? req.query.get(String.self, at: "onderdeel")).map { UUID(uuidString: $0) ?? UUID() }
        return try await SuggestFormPage.render(req, plan: plan, kind: kind, sectionID: section)
    }

    func propose(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        // The form's action repeats section and kind in its query, for a body too big to read.
        guard let form = req.decodeForm(ProposeForm.self) else {
            let kind = req.queryValue("soort").flatMap(PlanSuggestion.Kind.init(rawValue:)) ?? .activity
            let sectionID = req.queryValue("onderdeel").flatMap(UUID.init(uuidString:))
            let errors = FormErrors(summary: req.t("plans.suggest.error.unreadable"))
            return try await SuggestFormPage.render(
                req, plan: plan, kind: kind, sectionID: sectionID, values: [:], errors: errors, status: .badRequest)
        }
        let kind = form.kind.flatMap(PlanSuggestion.Kind.init(rawValue:)) ?? .activity
        // An unknown section is one that is not in the plan (any more).
        let sectionID = form.section.flatMap(UUID.init(uuidString:)) ?? UUID()
        let input = SuggestionInput(
            kind: kind, sectionID: sectionID, title: form.title, body: form.body, timing: form.timing, needs: form.needs,
            domain: form.domain, district: form.district, explanation: form.explanation)
        let values = [
            "title": form.title, "body": form.body, "timing": form.timing, "needs": form.needs, "domain": form.domain,
            "district": form.district, "explanation": form.explanation,
        ].compactMapValues { $0 }
        let again = { (errors: FormErrors, status: HTTPStatus) in
            try await SuggestFormPage.render(
                req, plan: plan, kind: kind, sectionID: sectionID, values: values, errors: errors, status: status)
        }
        let outcome = try await ProposeSuggestion(app: req.application).run(
            input, plan: try plan.requireID(), by: try req.requireUser(), language: req.language)
        switch outcome {
        case .proposed(let id, let repeated):
            return Flash.redirect(
                req, to: PlansPath.suggestion(.value(plan.slug), id: .value(id)),
                messageKey: repeated ? "plans.suggest.flash.again" : "plans.suggest.flash.proposed")
        case .invalid(let errors): return try await again(errors, .badRequest)
        case .unchanged:
            var errors = FormErrors()
            errors.add("body", req.t("plans.suggest.error.unchanged"))
            return try await again(errors, .badRequest)
        case .rateLimited: return try await again(FormErrors(summary: req.t("plans.suggest.error.rate_limited")), .tooManyRequests)
        case .sectionGone:
            return try await SuggestFormPage.render(req, plan: plan, kind: kind, sectionID: sectionID, status: .conflict)
        }
    }

    func decide(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let suggestion = try await suggestion(req, of: plan)
        let form = req.decodeForm(DecideForm.self) ?? DecideForm()
        let outcome = try await DecideSuggestion(app: req.application).run(
            try suggestion.requireID(), plan: try plan.requireID(), decision: form.decision, reason: form.reason,
            mergedInto: form.merged_into, by: try req.requireUser(), language: req.language)
        let here = PlansPath.suggestion(.value(plan.slug), id: .value(try suggestion.requireID()))
        let refuse = { (errors: FormErrors, status: HTTPStatus) in
            // Read again: a refused decision may have met another one.
            let fresh = try await PlanSuggestion.find(suggestion.requireID(), on: req.db) ?? suggestion
            let values = ["decision": form.decision, "reason": form.reason, "merged_into": form.merged_into].compactMapValues { $0 }
            return try await SuggestionPage.render(req, plan: plan, suggestion: fresh, values: values, errors: errors, status: status)
        }
        switch outcome {
        case .accepted: return Flash.redirect(req, to: here, messageKey: "plans.suggest.flash.accepted")
        case .merged: return Flash.redirect(req, to: here, messageKey: "plans.suggest.flash.merged")
        case .declined: return Flash.redirect(req, to: here, messageKey: "plans.suggest.flash.declined")
        case .invalid(let errors): return try await refuse(errors, .badRequest)
        case .alreadyDecided: return try await refuse(FormErrors(summary: req.t("plans.suggest.error.already_decided")), .conflict)
        case .sectionGone: return try await refuse(FormErrors(summary: req.t("plans.suggest.error.section_removed")), .conflict)
        case .draftChanged: return try await refuse(FormErrors(summary: req.t("plans.suggest.error.draft_changed")), .conflict)
        case .notFound: throw Abort(.notFound)
        }
    }

    /// The route's suggestion of `plan`, or 404.
    func suggestion(_ req: Request, of plan: Plan) async throws -> PlanSuggestion {
        guard let id = req.parameters.get("id", as: UUID.self), let suggestion = try await PlanSuggestion.find(id, on: req.db),
            suggestion.planID == plan.id
        else { throw Abort(.notFound) }
        return suggestion
    }
}
