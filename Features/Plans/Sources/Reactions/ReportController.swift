import Fluent
import KrachtCore
import Vapor

/// Reporting a reaction, by anyone: a small form with a reason, then back to the reaction.
struct ReportController: RouteCollection {
    struct ReportForm: Decodable { var reden, toelichting: String? }

    static let layout = FormLayout(
        id: "melden",
        [
            .field("reden", id: "reden-spam", label: "plans.reactions.report.reason"),
            .field("toelichting", label: "plans.reactions.report.text"),
        ])

    struct ReportPage: Encodable {
        struct Reason: Encodable {
            var value, label: String
            var checked: Bool
        }
        var body: String
        var author: String
        var action: String
        var backPath: String
        var reasons: [Reason]
        var text: String
        var textMax: Int
        var threshold = PlanReaction.reportThreshold
        var errors = FormErrors()
    }

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(PlansPath.reportReaction(.key), use: show)
        anyone.post(PlansPath.reportReaction(.key), use: report)
    }

    /// The reaction and its published plan, or 404 (a withdrawn or removed one has nothing to report).
    func reaction(_ req: Request) async throws -> (PlanReaction, Plan) {
        guard let id = req.parameters.get("id", as: UUID.self), let reaction = try await PlanReaction.find(id, on: req.db),
            reaction.status == .visible || reaction.status == .held,
            let plan = try await Plan.find(reaction.planID, on: req.db), plan.isPublished
        else { throw Abort(.notFound) }
        return (reaction, plan)
    }

    func show(req: Request) async throws -> Response { try await render(req, form: nil, errors: nil) }

    func render(_ req: Request, form: ReportForm?, errors: FormErrors?, status: HTTPStatus = .ok) async throws -> Response {
        let (reaction, plan) = try await reaction(req)
        let id = try reaction.requireID()
        var author: String?
        if let userID = reaction.userID { author = try await User.find(userID, on: req.db)?.name }
        let page = ReportPage(
            body: reaction.status == .visible ? reaction.body : "",
            author: author ?? req.t("plans.reactions.deleted_account"),
            action: PlansPath.reportReaction(.value(id)).path + "#" + FormErrors.summaryAnchor,
            backPath: ReactionPlace.path(plan: plan, sectionID: reaction.sectionID, activityID: reaction.activityID)
                + "#reactie-\(id.uuidString)",
            reasons: ReactionLimits.reportReasons.map {
                .init(value: $0, label: req.t("plans.reactions.report.reason.\($0)"), checked: form?.reden == $0)
            },
            text: form?.toelichting ?? "", textMax: ReactionLimits.reasonTextMax, errors: errors ?? FormErrors())
        return try await req.render(
            "plans/report", titleKey: "plans.reactions.report.title", page, status: status, errors: errors,
            canonicalPath: PlansPath.reportReaction(.value(id)).path)
    }

    func report(req: Request) async throws -> Response {
        let (reaction, plan) = try await reaction(req)
        let id = try reaction.requireID()
        guard let form = req.decodeForm(ReportForm.self) else {
            // Too big to parse: the note was far over its limit and cannot be kept.
            var errors = FormErrors()
            errors.add("toelichting", req.t("plans.reactions.report.error.too_big", ["max": String(ReactionLimits.reasonTextMax)]))
            return try await render(req, form: nil, errors: errors.on(Self.layout, { req.t($0) }), status: .badRequest)
        }
        let outcome = try await ReportReaction(app: req.application).run(
            id, reason: form.reden, text: form.toelichting, reporterKey: ReactionLimits.reporterKey(req),
            limitKey: req.auth.get(User.self)?.id?.uuidString ?? req.rateLimitKey)
        let back =
            ReactionPlace.path(plan: plan, sectionID: reaction.sectionID, activityID: reaction.activityID) + "#reactie-\(id.uuidString)"
        var errors = FormErrors()
        switch outcome {
        case .reported: return Flash.redirect(req, to: back, messageKey: "plans.reactions.report.thanks")
        case .alreadyReported: return Flash.redirect(req, to: back, messageKey: "plans.reactions.report.already")
        case .gone: throw Abort(.notFound)
        case .invalidReason: errors.add("reden", req.t("plans.reactions.report.error.reason"))
        case .textTooLong: errors.add("toelichting", req.t("form.too_long", ["max": String(ReactionLimits.reasonTextMax)]))
        case .rateLimited:
            errors = FormErrors(summary: req.t("plans.reactions.report.error.rate_limited"))
            return try await render(req, form: form, errors: errors.on(Self.layout, { req.t($0) }), status: .tooManyRequests)
        }
        return try await render(req, form: form, errors: errors.on(Self.layout, { req.t($0) }), status: .badRequest)
    }
}
