import Fluent
import Foundation
import KrachtCore

/// The access log: every read of a case's personal data (the case page, a document, a payout
/// file) by a committee member, the treasurer or the referrer, written in the request that reads.
/// The committee sees the whole log; the applicant sees on their status page that, when and by
/// which role their case was read.
public enum CaseReads {
    public static func record(
        _ application: SupportApplication, by user: User, role: Role, what: String, at date: Date = Date(), on db: any Database
    ) async throws {
        try await SupportCaseRead(applicationID: try application.requireID(), userID: try user.requireID(), role: role, what: what, at: date)
            .create(on: db)
    }

    /// The role a staff member reads a case in: the committee's when they hold it, else the treasurer's.
    public static func role(of user: User, on db: any Database) async throws -> Role {
        let roles = try await user.roles(on: db)
        return roles.allow(.fundCommittee) ? .fundCommittee : roles.allow(.treasurer) ? .treasurer : .referrer
    }
}
