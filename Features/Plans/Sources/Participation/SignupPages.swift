import Fluent
import Foundation
import KrachtCore
import Vapor

/// The form to sign up for an activity (or change or withdraw one's sign-up).
struct SignupPage: Encodable {
    var planTitle: String
    var activityTitle: String
    var activityLink: String
    var action: String
    var withdrawAction: String
    /// "help" or "organise" when already signed up.
    var myRole: String?
    var values: [String: String]
    var errors: FormErrors?
    var maxNote: Int

    static func render(
        _ req: Request, _ plan: Plan, _ activity: PlanActivity, mine: PlanSignup?, values: [String: String], errors: FormErrors?
    ) async throws -> Response {
        let slug = Parameter<String>.value(plan.slug)
        let id = Parameter<UUID>.value(try activity.requireID())
        let page = SignupPage(
            planTitle: plan.title, activityTitle: activity.title, activityLink: PlansPath.activity(slug, activity: id).path,
            action: PlansPath.signUp(slug, activity: id).path, withdrawAction: PlansPath.withdrawSignup(slug, activity: id).path,
            myRole: mine?.role.rawValue, values: values, errors: errors, maxNote: SignupForm.maxNote)
        return try await req.render(
            "plans/signup", titleKey: "plans.signup.title", titleArguments: ["title": activity.title], page,
            status: errors == nil ? .ok : .badRequest, errors: errors, canonicalPath: PlansPath.signUp(slug, activity: id).path)
    }
}

/// Who signed up for an activity (name, role, note, date; never an address), for coordinators,
/// with the form to write them all.
struct SignupsPage: Encodable {
    struct Row: Encodable {
        var name: String
        var role: String
        var note: String
        var date: String
    }

    var planTitle: String
    var activityTitle: String
    var activityLink: String
    var rows: [Row]
    var total: Int
    var helpers: Int
    var organisers: Int
    /// More sign-ups than the page lists (`shown`).
    var more: Bool
    var shown: Int
    var messageAction: String
    var values: [String: String]
    var errors: FormErrors?
    var maxSubject: Int
    var maxBody: Int

    static let maxRows = 500

    static func render(
        _ req: Request, _ plan: Plan, _ activity: PlanActivity, values: [String: String], errors: FormErrors?,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let activityID = try activity.requireID()
        let slug = Parameter<String>.value(plan.slug)
        let total = try await PlanSignup.query(on: req.db).filter(\.$activityID == activityID).count()
        let organisers = try await PlanSignup.query(on: req.db).filter(\.$activityID == activityID)
            .filter(\.$role == .organise).count()
        let signups = try await PlanSignup.query(on: req.db).filter(\.$activityID == activityID).sort(\.$createdAt)
            .limit(maxRows).all()
        let names = try await User.query(on: req.db).filter(\.$id ~~ signups.map(\.userID)).all()
            .reduce(into: [UUID: String]()) { names, user in if let id = user.id { names[id] = user.name } }
        let rows = signups.map { signup in
            Row(
                name: names[signup.userID] ?? "", role: req.t("plans.signup.role.\(signup.role.rawValue)"), note: signup.note,
                date: AmsterdamTime.date(signup.createdAt, in: req.language))
        }
        let page = SignupsPage(
            planTitle: plan.title, activityTitle: activity.title,
            activityLink: PlansPath.activity(slug, activity: .value(activityID)).path, rows: rows, total: total,
            helpers: total - organisers, organisers: organisers, more: total > rows.count, shown: rows.count,
            messageAction: PlansPath.messageSignups(slug, activity: .value(activityID)).path, values: values, errors: errors,
            maxSubject: SignupMessageForm.maxSubject, maxBody: SignupMessageForm.maxBody)
        return try await req.render(
            "plans/signups", titleKey: "plans.signup.list.title", titleArguments: ["title": activity.title], page, status: status,
            errors: errors, canonicalPath: PlansPath.signups(slug, activity: .value(activityID)).path)
    }
}
