import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// "Ik help mee" or "ik organiseer mee" on an activity of the latest published version: once per
/// person per activity (a second sign-up changes the role or note), with a confirmation mail in
/// the same transaction. Withdrawing deletes the row; both keep the counters with the rows.
struct SignUpForActivity: Sendable {
    enum Outcome: Sendable, Equatable {
        case signedUp
        /// Already signed up: the role or note changed.
        case changed
        /// The same role and note again: nothing changed, no second mail.
        case unchanged
        case withdrawn
        case notSignedUp
        case notInPlan
        case invalid(FormErrors)
    }

    let app: Application

    func run(_ form: SignupForm, plan: Plan, activityID: UUID, user: User, language: Language) async throws -> Outcome {
        let (checked, errors) = form.check { app.catalogue.text($0, in: language) }
        guard let checked else { return .invalid(errors) }
        // The activity as readers see it: in the latest version, with that version's title.
        guard let version = try await PlanAccess.latestVersion(of: plan, on: app.db),
            let activity = try version.snapshot().activity(activityID)
        else { return .notInPlan }
        let planID = try plan.requireID()
        let userID = try user.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            let inserted = try await db.sql.raw(
                """
                INSERT INTO plan_signups (id, plan_id, activity_id, user_id, role, note, created_at)
                VALUES (\(bind: UUID()), \(bind: planID), \(bind: activityID), \(bind: userID), \(bind: checked.role.rawValue),
                \(bind: checked.note), \(bind: now))
                ON CONFLICT (activity_id, user_id) DO NOTHING RETURNING id
                """
            ).all()
            if inserted.isEmpty {
                guard
                    let existing = try await PlanSignup.query(on: db).filter(\.$activityID == activityID)
                        .filter(\.$userID == userID).first()
                else { return .unchanged }
                if existing.role == checked.role && existing.note == checked.note { return .unchanged }
                let roleChanged = existing.role != checked.role
                existing.role = checked.role
                existing.note = checked.note
                try await existing.save(on: db)
                if roleChanged { try await mail(user, role: checked.role, activity: activity, plan: plan, on: db) }
                return .changed
            }
            try await Self.count(signups: 1, activityID: activityID, planID: planID, on: db)
            try await mail(user, role: checked.role, activity: activity, plan: plan, on: db)
            return .signedUp
        }
    }

    func withdraw(plan: Plan, activityID: UUID, userID: UUID) async throws -> Outcome {
        let planID = try plan.requireID()
        return try await app.db.writeTransaction { db in
            let deleted = try await db.sql.raw(
                """
                DELETE FROM plan_signups WHERE activity_id = \(bind: activityID) AND user_id = \(bind: userID)
                AND plan_id = \(bind: planID) RETURNING id
                """
            ).all()
            guard !deleted.isEmpty else { return .notSignedUp }
            try await Self.count(signups: -deleted.count, activityID: activityID, planID: planID, on: db)
            return .withdrawn
        }
    }

    static func count(signups: Int, activityID: UUID, planID: UUID, on db: any Database) async throws {
        try await db.sql.raw(
            "UPDATE plan_activities SET signup_count = signup_count + \(bind: signups) WHERE id = \(bind: activityID)"
        ).run()
        try await db.sql.raw("UPDATE plans SET signup_count = signup_count + \(bind: signups) WHERE id = \(bind: planID)").run()
    }

    /// The activity's title as the latest version published it (what its readers know it by);
    /// the draft's only when no version holds it.
    static func publishedTitle(of activity: PlanActivity, in plan: Plan, on db: any Database) async throws -> String {
        let version = try await PlanAccess.latestVersion(of: plan, on: db)
        return try version?.snapshot().activity(activity.requireID())?.title ?? activity.title
    }

    /// What they signed up for, as what, and the activity's page (where they can also withdraw).
    private func mail(_ user: User, role: PlanSignup.Role, activity: PlanSnapshot.Activity, plan: Plan, on db: any Database) async throws {
        let language = user.preferredLanguage
        let link = PlansPath.activity(.value(plan.slug), activity: .value(activity.id)).url(on: app)
        try await app.mailer.enqueue(
            to: user.email, language: language, subjectKey: "plans.signup.mail.subject", subjectArguments: ["title": activity.title],
            view: "plans/mail/signup-confirmed",
            context: [
                "name": user.name, "title": activity.title, "plan": plan.title, "link": link,
                "role": app.catalogue.text("plans.signup.mail.role.\(role.rawValue)", in: language),
            ], on: db)
    }
}
