import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator writes everyone signed up for an activity: one mail each through the outbox,
/// in the recipient's language. Nobody's address is shown, the coordinator's neither: the mail
/// says to answer on the activity's page. The same message posted twice goes out once.
struct MessageSignups: Sendable {
    enum Outcome: Sendable, Equatable {
        case sent(Int)
        case nobodySignedUp
        /// This very message went out to them within the hour already.
        case alreadySent
        case invalid(FormErrors)
        case rateLimited
    }

    /// Messages per coordinator per hour: enough to organise, not enough to spam.
    static let limiter = RateLimiter(name: "plans-signups-message", limit: 10, window: 3600)
    /// One per activity and text per hour: a double post does not mail everyone twice.
    static let once = RateLimiter(name: "plans-signups-message-once", limit: 1, window: 3600)

    let app: Application

    func run(
        _ form: SignupMessageForm, plan: Plan, activity: PlanActivity, by coordinator: User, language: Language
    ) async throws -> Outcome {
        let (checked, errors) = form.check { app.catalogue.text($0, in: language) }
        guard let checked else { return .invalid(errors) }
        let activityID = try activity.requireID()
        let coordinatorID = try coordinator.requireID()
        let now = app.clock.now()
        let link = PlansPath.activity(.value(plan.slug), activity: .value(activityID)).url(on: app)
        let title = try await SignUpForActivity.publishedTitle(of: activity, in: plan, on: app.db)
        let fingerprint = SecureToken.hex(SHA256.hash(data: Data("\(activityID)\n\(checked.subject)\n\(checked.body)".utf8)))
        return try await app.db.writeTransaction { db in
            let people = try await Self.recipients(activityID: activityID, on: db)
            guard !people.isEmpty else { return .nobodySignedUp }
            guard try await Self.once.hit(fingerprint, now: now, on: db) else { return .alreadySent }
            guard try await Self.limiter.hit(coordinatorID.uuidString, now: now, on: db) else {
                // Not sent: the same text may go once the hour is over.
                _ = try await Self.once.hits(fingerprint, count: -1, now: now, on: db)
                return .rateLimited
            }
            var mails: [PendingMail] = []
            for person in people {
                mails.append(
                    try app.mailer.compose(
                        to: person.email, language: person.preferredLanguage, subjectKey: "plans.signup.mail.message.subject",
                        subjectArguments: ["subject": checked.subject], view: "plans/mail/signups-message",
                        context: [
                            "name": person.name, "title": title, "plan": plan.title, "subject": checked.subject,
                            "body": checked.body, "link": link,
                        ]))
            }
            try await PendingMail.insert(mails, now: now, on: db)
            try await AuditEvent.record(
                "plans.signups.message", subject: "plan_activity:\(activityID)", details: "recipients=\(people.count)",
                by: coordinatorID, on: db)
            return .sent(people.count)
        }
    }

    /// The accounts signed up for the activity, in the order they signed up.
    static func recipients(activityID: UUID, on db: any Database) async throws -> [User] {
        let signups = try await PlanSignup.query(on: db).filter(\.$activityID == activityID).sort(\.$createdAt).all()
        let users = try await User.query(on: db).filter(\.$id ~~ signups.map(\.userID)).all()
        let byID = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user) } })
        return signups.compactMap { byID[$0.userID] }
    }
}
