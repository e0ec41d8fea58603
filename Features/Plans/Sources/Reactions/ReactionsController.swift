import Fluent
import KrachtCore
import Vapor

/// Reacting to a section or an activity, withdrawing one's own, the section's discussion page and
/// the house rules; reporting is `ReportController`'s.
struct ReactionsController: RouteCollection {
    struct ReactForm: Decodable { var section, activity, parent, body, namens, terug: String? }

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(PlansPath.section(.key, section: .key), use: section)
        anyone.get(PlansPath.houseRules, use: rules)
        let signedIn = routes.access(.signedIn)
        signedIn.post(PlansPath.react(.key), use: react)
        signedIn.post(PlansPath.withdrawReaction(.key), use: withdraw)
        try ReportController().boot(routes: routes)
    }

    func section(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = try await PlanAccess.section(req, of: plan)
        let page = try await SectionPage.load(plan, sectionID: try section.requireID(), page: req.queryInt("pagina") ?? 1, req: req)
        return try await req.render("plans/section", titleKey: "plans.section.title", titleArguments: ["title": page.title], page)
    }

    func rules(req: Request) async throws -> Response {
        try await req.render("plans/rules", titleKey: "plans.rules.title", RulesPage(plansPath: PlansPath.list.path))
    }

    func react(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let planID = try plan.requireID()
        // A form over the parser's caps is a text far over the limit: its place is read apart, the
        // text itself cannot be kept.
        guard let form = req.decodeForm(ReactForm.self) else {
            return try await refuse(
                req, plan, Self.place(req), req.t("plans.reactions.error.too_big", ["max": String(PlanReaction.bodyMax)]))
        }
        let activityID = form.activity.flatMap(UUID.init(uuidString:))
        if let activity = form.activity, !activity.isEmpty, activityID == nil {
            var place = form
            place.activity = nil
            return try await refuse(req, plan, place, req.t("plans.reactions.error.bad_activity"))
        }
        let input = PostReaction.Input(
            sectionID: form.section.flatMap(UUID.init(uuidString:)), activityID: activityID,
            parentID: form.parent.flatMap(UUID.init(uuidString:)), body: form.body, asMovement: form.namens == "ja")
        let outcome = try await PostReaction(app: req.application).run(
            planID: planID, input: input, by: try req.requireUser(), isCoordinator: try await PlanAccess.isCoordinator(req))
        let t = { (key: String) in req.t(key) }
        var retry = form
        let message: String
        switch outcome {
        case .posted(let id), .duplicate(let id):
            let fallback = ReactionPlace.path(plan: plan, sectionID: input.sectionID!, activityID: input.activityID)
            let back = ReactionLimits.returnPath(form.terug, plan: plan, fallback: fallback)
            return Flash.redirect(req, to: back + "#reactie-\(id.uuidString)", messageKey: "plans.reactions.posted")
        case .notPublished: throw Abort(.notFound)
        case .sectionNotInPlan:
            // Dropped from the newest version (or never in it): the section's page, the text kept.
            (retry.activity, retry.parent) = (nil, nil)
            return try await refuse(req, plan, retry, t("plans.reactions.error.not_in_latest"), status: .conflict)
        case .empty: message = t("plans.reactions.error.empty")
        case .tooLong: message = req.t("plans.reactions.error.too_long", ["max": String(PlanReaction.bodyMax)])
        case .invalidCharacters: message = t("form.invalid_characters")
        case .parentGone: message = t("plans.reactions.error.parent_gone")
        case .rateLimited: message = t("plans.reactions.error.rate_limited")
        }
        if outcome == .parentGone { retry.parent = nil }
        return try await refuse(req, plan, retry, message, status: outcome == .rateLimited ? .tooManyRequests : .badRequest)
    }

    /// Refused: the section's page again, with the text typed and why (nothing changed). A section
    /// never published in this plan has no page: 404.
    func refuse(_ req: Request, _ plan: Plan, _ form: ReactForm, _ message: String, status: HTTPStatus = .badRequest) async throws
        -> Response
    {
        guard let sectionID = form.section.flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        var errors = FormErrors()
        errors.add("body", message)
        var retry = SectionPage.Retry(body: form.body ?? "", activityID: form.activity, parentID: form.parent, terug: form.terug ?? "")
        retry.errors = errors.on(SectionPage.retryLayout, { req.t($0) })
        let page = try await SectionPage.load(plan, sectionID: sectionID, page: 1, req: req, retry: retry)
        return try await req.render(
            "plans/section", titleKey: "plans.section.title", titleArguments: ["title": page.title], page, status: status,
            errors: retry.errors, canonicalPath: PlansPath.section(.value(plan.slug), section: .value(sectionID)).path)
    }

    /// The short fields of a form too big to parse, each pair read apart (the long text is skipped).
    static func place(_ req: Request) -> ReactForm {
        var form = ReactForm()
        guard let bytes = req.body.data?.readableBytesView else { return form }
        for pair in bytes.split(separator: UInt8(ascii: "&")) where pair.count <= 2_000 {
            guard let fields = FormFields.parse(pair) else { continue }
            if let v = fields["section"] { form.section = v }
            if let v = fields["activity"] { form.activity = v }
            if let v = fields["parent"] { form.parent = v }
            if let v = fields["terug"] { form.terug = v }
        }
        return form
    }

    func withdraw(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        switch try await WithdrawReaction(app: req.application).run(id, by: try req.requireUser()) {
        case .notYours: throw Abort(.notFound)
        case .withdrawn(let place), .alreadyWithdrawn(let place):
            guard let plan = try await Plan.find(place.planID, on: req.db) else { throw Abort(.notFound) }
            let path = ReactionPlace.path(plan: plan, sectionID: place.sectionID, activityID: place.activityID)
            return Flash.redirect(req, to: path + "#reactie-\(id.uuidString)", messageKey: "plans.reactions.withdrawn")
        }
    }
}

/// Where a reaction lives: its activity's page, or its section's discussion.
enum ReactionPlace {
    static func path(plan: Plan, sectionID: UUID, activityID: UUID?) -> String {
        if let activityID { return PlansPath.activity(.value(plan.slug), activity: .value(activityID)).path }
        return PlansPath.section(.value(plan.slug), section: .value(sectionID)).path
    }
}

struct RulesPage: Encodable {
    var plansPath: String
    var threshold = PlanReaction.reportThreshold
}
