import Fluent
import Foundation
import KrachtCore
import SQLKit

/// The access log: every read of a case's personal data (the case page, a document, a payout
/// file, the applicant's name in the committee's queue) by a committee member, the treasurer or
/// the referrer, written in the request that reads. The committee sees the whole log; the
/// applicant sees on their status page how often, when and by which role their case was read.
public enum CaseReads {
    public static func record(
        _ application: SupportApplication, by user: User, role: Role, what: String, at date: Date = Date(), on db: any Database
    ) async throws {
        try await SupportCaseRead(
            applicationID: try application.requireID(), userID: try user.requireID(), role: role, what: what, at: date
        )
        .create(on: db)
    }

    /// The rows of one queue page: their names were opened, so each case gets a read
    /// (`what: "queue"`), all in one multi-row insert to keep the queue fast.
    static func recordQueue(_ ids: [UUID], by user: User, at date: Date, on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        let userID = try user.requireID()
        try await ids.map { SupportCaseRead(applicationID: $0, userID: userID, role: .fundCommittee, what: "queue", at: date) }.create(
            on: db)
    }

    /// The role a staff member reads a case in: the committee's when they hold it, else the treasurer's.
    public static func role(of user: User, on db: any Database) async throws -> Role {
        let roles = try await user.roles(on: db)
        return roles.allow(.fundCommittee) ? .fundCommittee : roles.allow(.treasurer) ? .treasurer : .referrer
    }

    /// The reads of one role, told to the applicant honestly: how often the case was opened
    /// (its page, a document, a payout), how often it was only listed in the committee's queue
    /// (name and amount in a row), and the last read of either kind.
    public struct Summary: Sendable, Equatable {
        public var role: Role
        public var opened: Int
        public var listed: Int
        public var last: Date
    }

    /// Per role that read the case, in the order committee, treasurer, referrer: one grouped query.
    public static func summary(of applicationID: UUID, on db: any Database) async throws -> [Summary] {
        let rows = try await db.sql.raw(
            """
            SELECT role, CASE WHEN what = 'queue' THEN 1 ELSE 0 END AS listed, COUNT(*) AS n, MAX(read_at) AS last
            FROM support_case_reads WHERE application_id = \(bind: applicationID) GROUP BY role, CASE WHEN what = 'queue' THEN 1 ELSE 0 END
            """
        ).all()
        var byRole: [Role: Summary] = [:]
        for row in rows {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            let count = try row.decode(column: "n", as: Int.self)
            let last = try row.decode(column: "last", as: Date.self)
            var summary = byRole[role] ?? Summary(role: role, opened: 0, listed: 0, last: last)
            if try row.decode(column: "listed", as: Int.self) == 1 { summary.listed += count } else { summary.opened += count }
            summary.last = max(summary.last, last)
            byRole[role] = summary
        }
        return [Role.fundCommittee, .treasurer, .referrer].compactMap { byRole[$0] }
    }
}
