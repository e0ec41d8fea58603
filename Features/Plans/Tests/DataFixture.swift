import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Plans

/// Rows for the data tests (API, indicators, export, erasure, purge, verify), written straight
/// with their counters kept as the commands keep them, so each test names only what it proves.
enum DataFixture {
    /// Publishes the draft as the next version through the real `PublishPlan`.
    @discardableResult
    static func publish(_ app: Application, _ plan: Plan, note: String = "Eerste versie.") async throws -> PlanVersion {
        try await PlanFixture.publish(app, plan, note: note)
    }

    static func activities(_ app: Application, of plan: Plan) async throws -> [PlanActivity] {
        try await PlanActivity.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$createdAt).sort(\.$title).all()
    }

    static func sections(_ app: Application, of plan: Plan) async throws -> [PlanSection] {
        try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).all()
    }

    static func support(_ app: Application, _ activity: PlanActivity, by user: User) async throws {
        let support = PlanSupport()
        support.planID = activity.planID
        support.activityID = try activity.requireID()
        support.userID = try user.requireID()
        support.createdAt = app.clock.now()
        try await support.create(on: app.db)
        try await bump(app, activity, support: true)
    }

    static func signUp(_ app: Application, _ activity: PlanActivity, by user: User, role: PlanSignup.Role, note: String = "")
        async throws
    {
        let signup = PlanSignup()
        signup.planID = activity.planID
        signup.activityID = try activity.requireID()
        signup.userID = try user.requireID()
        signup.role = role
        signup.note = note
        signup.createdAt = app.clock.now()
        try await signup.create(on: app.db)
        try await bump(app, activity, support: false)
    }

    @discardableResult
    static func react(
        _ app: Application, on section: PlanSection, by user: User?, body: String, parent: PlanReaction? = nil,
        status: PlanReaction.Status = .visible
    ) async throws -> PlanReaction {
        let reaction = PlanReaction(
            planID: section.planID, sectionID: try section.requireID(), activityID: nil, parentID: parent?.id, versionNumber: 1,
            userID: user?.id, asMovement: false, body: body, now: app.clock.now())
        reaction.status = status
        try await reaction.create(on: app.db)
        if status == .visible, let plan = try await Plan.find(section.planID, on: app.db) {
            plan.reactionCount += 1
            try await plan.save(on: app.db)
        }
        return reaction
    }

    @discardableResult
    static func suggest(
        _ app: Application, on section: PlanSection, by user: User, title: String, status: PlanSuggestion.Status = .open
    ) async throws -> PlanSuggestion {
        let suggestion = PlanSuggestion()
        suggestion.planID = section.planID
        suggestion.sectionID = try section.requireID()
        suggestion.kind = .activity
        suggestion.title = title
        suggestion.body = "Een avond per maand in het buurthuis."
        suggestion.timing = "maandelijks"
        suggestion.needs = "een zaal"
        suggestion.domain = nil
        suggestion.district = "noord"
        suggestion.explanation = "Zo leren we elkaar kennen."
        suggestion.baseVersion = 1
        suggestion.userID = try user.requireID()
        suggestion.status = status
        suggestion.createdAt = app.clock.now()
        if status != .open {
            suggestion.decidedAt = app.clock.now()
            suggestion.decisionReason = status == .declined ? "Past niet in dit plan." : nil
        }
        try await suggestion.create(on: app.db)
        if status == .accepted, let plan = try await Plan.find(section.planID, on: app.db) {
            plan.acceptedSuggestions += 1
            try await plan.save(on: app.db)
        }
        return suggestion
    }

    static func follow(_ app: Application, _ plan: Plan, by user: User) async throws {
        let follow = PlanFollow()
        follow.planID = try plan.requireID()
        follow.userID = try user.requireID()
        follow.createdAt = app.clock.now()
        try await follow.create(on: app.db)
        plan.followerCount += 1
        try await plan.save(on: app.db)
    }

    @discardableResult
    static func notify(_ app: Application, _ user: User, about plan: Plan, createdAt: Date, sentAt: Date?) async throws -> PlanNotification
    {
        let notification = PlanNotification()
        notification.userID = try user.requireID()
        notification.planID = try plan.requireID()
        notification.kind = .versionPublished
        notification.subjectID = UUID()
        notification.createdAt = createdAt
        notification.sentAt = sentAt
        try await notification.create(on: app.db)
        return notification
    }

    @discardableResult
    static func report(_ app: Application, _ reaction: PlanReaction, key: String, at date: Date) async throws -> PlanReactionReport {
        let report = PlanReactionReport()
        report.reactionID = try reaction.requireID()
        report.reporterKey = key
        report.reason = "spam"
        report.createdAt = date
        try await report.create(on: app.db)
        reaction.reportCount += 1
        try await reaction.save(on: app.db)
        return report
    }

    static func decide(_ app: Application, _ reaction: PlanReaction, at date: Date) async throws {
        let decision = PlanModerationDecision()
        decision.reactionID = try reaction.requireID()
        decision.moderatorID = nil
        decision.decision = .keep
        decision.reason = "Past binnen de huisregels."
        decision.createdAt = date
        try await decision.create(on: app.db)
    }

    private static func bump(_ app: Application, _ activity: PlanActivity, support: Bool) async throws {
        if support { activity.supportCount += 1 } else { activity.signupCount += 1 }
        try await activity.save(on: app.db)
        guard let plan = try await Plan.find(activity.planID, on: app.db) else { return }
        if support { plan.supportCount += 1 } else { plan.signupCount += 1 }
        try await plan.save(on: app.db)
    }
}
