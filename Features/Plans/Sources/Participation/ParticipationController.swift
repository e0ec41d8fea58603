import Fluent
import KrachtCore
import Vapor

/// Support, sign-ups to help or organise, and the coordinators' list of sign-ups with a message
/// to them. The commands decide; this maps their outcomes to pages and redirects.
struct ParticipationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let residents = routes.access(.signedIn)
        residents.post(PlansPath.support(.key, activity: .key), use: support)
        residents.post(PlansPath.withdrawSupport(.key, activity: .key), use: withdrawSupport)
        residents.get(PlansPath.signUp(.key, activity: .key), use: signUpPage)
        residents.post(PlansPath.signUp(.key, activity: .key), use: signUp)
        residents.post(PlansPath.withdrawSignup(.key, activity: .key), use: withdrawSignup)
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(PlansPath.signups(.key, activity: .key), use: signups)
        coordinators.post(PlansPath.messageSignups(.key, activity: .key), use: messageSignups)
    }

    func support(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        let outcome = try await SupportActivity(app: req.application)
            .support(plan: plan, activityID: activity.requireID(), userID: req.requireUser().requireID())
        return try redirect(req, plan, activity, outcome: outcome)
    }

    func withdrawSupport(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        let outcome = try await SupportActivity(app: req.application)
            .withdraw(plan: plan, activityID: activity.requireID(), userID: req.requireUser().requireID())
        return try redirect(req, plan, activity, outcome: outcome)
    }

    private func redirect(_ req: Request, _ plan: Plan, _ activity: PlanActivity, outcome: SupportActivity.Outcome) throws -> Response {
        let key =
            switch outcome {
            case .supported: "plans.support.flash.supported"
            case .alreadySupported: "plans.support.flash.already"
            case .withdrawn: "plans.support.flash.withdrawn"
            case .notSupported: "plans.support.flash.not_supported"
            case .notInPlan: "plans.support.flash.not_in_plan"
            }
        return Flash.redirect(req, to: try back(req, plan, activity), messageKey: key)
    }

    func signUpPage(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        guard try await SupportActivity.isPublished(activity.requireID(), of: plan, on: req.db) else {
            return Flash.redirect(req, to: PlansPath.plan(.value(plan.slug)), messageKey: "plans.signup.flash.not_in_plan")
        }
        let mine = try await PlanSignup.query(on: req.db).filter(\.$activityID == activity.requireID())
            .filter(\.$userID == req.requireUser().requireID()).first()
        let values = ["role": mine?.role.rawValue ?? "", "note": mine?.note ?? ""]
        return try await SignupPage.render(req, plan, activity, mine: mine, values: values, errors: nil)
    }

    func signUp(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        let form = req.decodeForm(SignupForm.self) ?? SignupForm()
        let user = try req.requireUser()
        let outcome = try await SignUpForActivity(app: req.application)
            .run(form, plan: plan, activityID: activity.requireID(), user: user, language: req.language)
        let activityPage = PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID()))
        switch outcome {
        case .signedUp: return Flash.redirect(req, to: activityPage, messageKey: "plans.signup.flash.signed_up")
        case .changed: return Flash.redirect(req, to: activityPage, messageKey: "plans.signup.flash.changed")
        case .unchanged: return Flash.redirect(req, to: activityPage, messageKey: "plans.signup.flash.unchanged")
        case .notInPlan, .withdrawn, .notSignedUp:
            return Flash.redirect(req, to: PlansPath.plan(.value(plan.slug)), messageKey: "plans.signup.flash.not_in_plan")
        case .invalid(let errors):
            let mine = try await PlanSignup.query(on: req.db).filter(\.$activityID == activity.requireID())
                .filter(\.$userID == user.requireID()).first()
            return try await SignupPage.render(
                req, plan, activity, mine: mine, values: form.values, errors: errors.on(SignupForm.layout) { req.t($0) })
        }
    }

    func withdrawSignup(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        let outcome = try await SignUpForActivity(app: req.application)
            .withdraw(plan: plan, activityID: activity.requireID(), userID: req.requireUser().requireID())
        let key = outcome == .withdrawn ? "plans.signup.flash.withdrawn" : "plans.signup.flash.not_signed_up"
        return Flash.redirect(req, to: try back(req, plan, activity), messageKey: key)
    }

    func signups(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        return try await SignupsPage.render(req, plan, activity, values: [:], errors: nil)
    }

    func messageSignups(req: Request) async throws -> Response {
        let (plan, activity) = try await target(req)
        let form = req.decodeForm(SignupMessageForm.self) ?? SignupMessageForm()
        let outcome = try await MessageSignups(app: req.application)
            .run(form, plan: plan, activity: activity, by: req.requireUser(), language: req.language)
        let list = PlansPath.signups(.value(plan.slug), activity: .value(try activity.requireID()))
        func refuse(_ errors: FormErrors, status: HTTPStatus = .badRequest) async throws -> Response {
            try await SignupsPage.render(req, plan, activity, values: form.values, errors: errors, status: status)
        }
        let layout = SignupMessageForm.layout
        switch outcome {
        case .sent: return Flash.redirect(req, to: list, messageKey: "plans.signup.message.flash.sent")
        case .alreadySent: return Flash.redirect(req, to: list, messageKey: "plans.signup.message.flash.already_sent")
        case .nobodySignedUp: return try await refuse(FormErrors(summary: req.t("plans.signup.message.error.nobody"), form: layout.id))
        case .invalid(let errors): return try await refuse(errors.on(layout) { req.t($0) })
        case .rateLimited:
            return try await refuse(
                FormErrors(summary: req.t("plans.signup.message.error.too_many"), form: layout.id), status: .tooManyRequests)
        }
    }

    /// The route's plan and activity (404 for an unknown one or a draft a resident may not see).
    private func target(_ req: Request) async throws -> (Plan, PlanActivity) {
        let plan = try await PlanAccess.plan(req)
        return (plan, try await PlanAccess.activity(req, of: plan))
    }

    /// Back to the page the form was on (`terug`, a path of this plan), else the activity's page.
    private func back(_ req: Request, _ plan: Plan, _ activity: PlanActivity) throws -> String {
        let fallback = PlansPath.activity(.value(plan.slug), activity: .value(try activity.requireID())).path
        guard let path = req.formFields()?["terug"], path.count < 300,
            path.hasPrefix(PlansPath.plan(.value(plan.slug)).path), !path.contains("//"),
            path.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/-_.%~".unicodeScalars.contains($0))
            })
        else { return fallback }
        return path
    }
}
