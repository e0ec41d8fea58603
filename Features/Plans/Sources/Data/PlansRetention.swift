import Fluent
import Foundation
import KrachtCore
import SQLKit

/// How long plans keep what is only bookkeeping (the daily purge):
/// - digest notifications: 90 days after they were mailed (the digest is sent; only "not twice" needed them);
/// - reports of a reaction: a year after a moderator decided on them (who reported is no longer needed;
///   the decision itself and the reaction's report count stay in the log).
/// A withdrawn reaction's text is emptied when it is withdrawn, so nothing is left to purge there.
enum PlansRetention {
    static let sentNotificationDays = 90
    static let decidedReportDays = 365

    static func purge(now: Date, on db: any Database) async throws {
        let calendar = AmsterdamTime.calendar
        let notificationsBefore = calendar.date(byAdding: .day, value: -sentNotificationDays, to: now) ?? now
        let reportsBefore = calendar.date(byAdding: .day, value: -decidedReportDays, to: now) ?? now
        try await PlanNotification.query(on: db).filter(\.$sentAt != nil).filter(\.$sentAt < notificationsBefore).delete()
        // A report made after the last decision is still waiting for one: only reports a decision followed go.
        try await db.sql.raw(
            """
            DELETE FROM plan_reaction_reports WHERE EXISTS (SELECT 1 FROM plan_moderation_decisions d \
            WHERE d.reaction_id = plan_reaction_reports.reaction_id AND d.created_at >= plan_reaction_reports.created_at \
            AND d.created_at < \(bind: reportsBefore))
            """
        ).run()
    }
}
