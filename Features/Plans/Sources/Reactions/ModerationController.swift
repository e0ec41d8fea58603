import Fluent
import KrachtCore
import Vapor

/// Held and reported reactions to decide on, and the log of decisions: coordinators only.
struct ModerationController: RouteCollection {
    struct DecideForm: Decodable { var besluit, reden: String? }

    func boot(routes: any RoutesBuilder) throws {
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(PlansPath.moderation, use: show)
        coordinators.post(PlansPath.decideReaction(.key), use: decide)
    }

    func show(req: Request) async throws -> Response {
        try await req.render("plans/moderation", titleKey: "plans.moderation.title", try await ModerationPage.load(req: req))
    }

    func decide(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        guard let form = req.decodeForm(DecideForm.self) else { throw Abort(.payloadTooLarge) }
        let outcome = try await DecideReaction(app: req.application).run(
            id, decision: form.besluit, reason: form.reden, by: try req.requireUser())
        let message: String
        switch outcome {
        case .kept: return Flash.redirect(req, to: PlansPath.moderation, messageKey: "plans.moderation.kept")
        case .removed: return Flash.redirect(req, to: PlansPath.moderation, messageKey: "plans.moderation.removed")
        case .nothingToDecide: return Flash.redirect(req, to: PlansPath.moderation, messageKey: "plans.moderation.already_decided")
        case .invalidDecision: message = req.t("plans.moderation.error.decision")
        case .reasonTooLong: message = req.t("form.too_long", ["max": String(ReactionLimits.decisionReasonMax)])
        }
        var page = try await ModerationPage.load(req: req)
        page.errors = FormErrors(summary: message)
        page.errorCase = id.uuidString
        return try await req.render(
            "plans/moderation", titleKey: "plans.moderation.title", page, status: .badRequest, errors: page.errors,
            canonicalPath: PlansPath.moderation.path)
    }
}
