import Fluent
import Foundation
import KrachtCore
import SQLKit

/// What the fund's help holds on an account holder (a referrer, a committee member, the
/// treasurer), for their data export and their erasure. Applicants have no account: their data
/// is theirs through the status link (erase now) and the retention period.
enum FundHelpPersonalData {
    /// A referrer gets the cases they referred as numbers, statuses and dates only: what the
    /// applicant told the fund is the applicant's, not the referrer's, and an export is a file
    /// that travels. A committee member or treasurer gets their reads and their decisions.
    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let userID = try user.requireID()
        let referred = try await SupportApplication.query(on: db).filter(\.$referrerID == userID).sort(\.$createdAt).all()
        let reads = try await db.sql.raw(
            """
            SELECT a.number, r.role, r.what, r.read_at FROM support_case_reads r JOIN support_applications a ON a.id = r.application_id
            WHERE r.user_id = \(bind: userID) ORDER BY r.read_at
            """
        ).all()
        let decisions = try await db.sql.raw(
            """
            SELECT a.number, d.outcome, d.state, d.proposed_by, d.proposed_at, d.approved_at FROM support_decisions d
            JOIN support_applications a ON a.id = d.application_id
            WHERE d.proposed_by = \(bind: userID) OR d.approved_by = \(bind: userID) ORDER BY d.proposed_at
            """
        ).all()
        guard !referred.isEmpty || !reads.isEmpty || !decisions.isEmpty else { return nil }
        return [
            "referred_cases": .array(
                referred.map {
                    [
                        "number": .string($0.number), "status": .string($0.status), "applied_at": time($0.createdAt),
                        "closed_at": time($0.closedAt),
                    ]
                }),
            "case_reads": .array(
                try reads.map { row in
                    [
                        "case": .string(try row.decode(column: "number", as: String.self)),
                        "role": .string(try row.decode(column: "role", as: String.self)),
                        "what": .string(try row.decode(column: "what", as: String.self)),
                        "read_at": time(try row.decode(column: "read_at", as: Date.self)),
                    ]
                }),
            "decisions": .array(
                try decisions.map { row in
                    [
                        "case": .string(try row.decode(column: "number", as: String.self)),
                        "outcome": .string(try row.decode(column: "outcome", as: String.self)),
                        "state": .string(try row.decode(column: "state", as: String.self)),
                        "you": .string(try row.decode(column: "proposed_by", as: UUID.self) == userID ? "proposed" : "approved"),
                        "proposed_at": time(try row.decode(column: "proposed_at", as: Date.self)),
                        "approved_at": time(try row.decode(column: "approved_at", as: Date?.self)),
                    ]
                }),
        ]
    }

    /// Runs inside the deletion transaction. The cases a referrer referred stay (they are the
    /// applicant's) without the link to the account; messages they wrote keep their text for the
    /// case but no longer name the account. Reads and decisions keep the account's id: it is the
    /// audit trail of who read and who decided (four eyes can only be checked with it), and once
    /// the account is gone the id names no one.
    static func erase(of user: User, on db: any Database) async throws {
        let userID = try user.requireID()
        try await SupportApplication.query(on: db).filter(\.$referrerID == userID).set(\.$referrerID, to: nil).update()
        try await SupportMessage.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
    }

    static func time(_ date: Date?) -> JSONValue {
        date.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null
    }
}
