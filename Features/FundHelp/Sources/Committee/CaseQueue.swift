import Fluent
import Foundation
import KrachtCore
import SQLKit

/// The committee's queue as indexed queries: a page of cases (LIMIT/OFFSET) and its count,
/// open cases by urgency then age, and which of them wait longer than promised — since they
/// came in, or since the applicant's (or referrer's) last answer. Nothing is opened here.
/// Each filter's WHERE and ORDER BY are those of its partial index (`CreateSupportTables.queueIndexes`).
enum CaseQueue {
    enum Filter: String, CaseIterable, Sendable {
        /// Received, question, proposed.
        case open
        case proposed
        /// Proposed by someone else: waiting for this member's approval.
        case mine
        case granted
        /// Decided cases the applicant (or referrer) wrote on afterwards, e.g. a changed IBAN.
        case wrote
        case all
    }

    static let pageSize = 50
    static let waitingStatuses = "('received', 'proposed')"

    static func condition(_ filter: Filter, member: UUID) -> SQLQueryString {
        switch filter {
        case .open: "status IN ('received', 'question', 'proposed')"
        case .proposed: "status = 'proposed'"
        case .mine:
            """
            status = 'proposed' AND EXISTS (SELECT 1 FROM support_decisions d WHERE d.application_id = support_applications.id
            AND d.state = 'proposed' AND d.proposed_by <> \(bind: member))
            """
        case .granted: "status IN ('granted', 'paid')"
        case .wrote: "applicant_wrote_at IS NOT NULL AND decided_at IS NOT NULL AND applicant_wrote_at > decided_at"
        case .all: "1 = 1"
        }
    }

    static func order(_ filter: Filter) -> SQLQueryString {
        switch filter {
        case .open, .proposed, .mine:
            "(CASE urgency WHEN 'today' THEN 0 WHEN 'week' THEN 1 ELSE 2 END), created_at, id"
        case .granted: "decided_at DESC, id"
        case .wrote: "applicant_wrote_at DESC, id"
        case .all: "created_at DESC, id"
        }
    }

    /// What a row of the queue shows: only these columns are read.
    struct Row: Sendable {
        var id: UUID
        var number, status, category, urgency: String
        var requestedCents: Int64
        var nameSealed: String?
        var createdAt: Date
        var decidedAt, applicantWroteAt: Date?
        /// The applicant or referrer wrote after the decision: the case may need the committee again.
        var wroteAfterDecision: Bool { (applicantWroteAt ?? .distantPast) > (decidedAt ?? .distantFuture) }
    }

    static func page(_ filter: Filter, page: Int, member: UUID, on db: any Database) async throws -> [Row] {
        let offset = (max(1, page) - 1) * pageSize
        return try await db.sql.raw(
            """
            SELECT id, number, status, category, urgency, requested_cents, name_sealed, created_at, decided_at, applicant_wrote_at
            FROM support_applications
            WHERE \(condition(filter, member: member))
            ORDER BY \(order(filter)) LIMIT \(unsafeRaw: String(pageSize)) OFFSET \(unsafeRaw: String(offset))
            """
        ).all().map { row in
            Row(
                id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: String.self),
                status: try row.decode(column: "status", as: String.self), category: try row.decode(column: "category", as: String.self),
                urgency: try row.decode(column: "urgency", as: String.self),
                requestedCents: try row.decode(column: "requested_cents", as: Int64.self),
                nameSealed: try row.decode(column: "name_sealed", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                decidedAt: try row.decode(column: "decided_at", as: Date?.self),
                applicantWroteAt: try row.decode(column: "applicant_wrote_at", as: Date?.self))
        }
    }

    static func count(_ filter: Filter, member: UUID, on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM support_applications WHERE \(condition(filter, member: member))").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// Open cases waiting on the committee since before `cutoff`.
    static func overdueCount(cutoff: Date, on db: any Database) async throws -> Int {
        try await db.sql.raw(
            """
            SELECT COUNT(*) AS n FROM support_applications
            WHERE status IN \(unsafeRaw: waitingStatuses) AND created_at < \(bind: cutoff) AND NOT EXISTS (
              SELECT 1 FROM support_messages m WHERE m.application_id = support_applications.id AND m.author <> 'committee' AND m.created_at >= \(bind: cutoff))
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// For the cases shown: when each last heard from the applicant or referrer.
    static func lastAnswers(of ids: [UUID], on db: any Database) async throws -> [UUID: Date] {
        guard !ids.isEmpty else { return [:] }
        let messages = try await SupportMessage.query(on: db).filter(\.$application.$id ~~ ids)
            .filter(\.$author != SupportMessage.Author.committee.rawValue).all()
        var last: [UUID: Date] = [:]
        for message in messages { last[message.$application.id] = max(last[message.$application.id] ?? .distantPast, message.createdAt) }
        return last
    }

    /// Whether a case waits on the committee longer than `hours`.
    static func isOverdue(_ application: Row, lastAnswer: Date?, hours: Int, now: Date) -> Bool {
        guard ["received", "proposed"].contains(application.status) else { return false }
        let since = max(application.createdAt, lastAnswer ?? .distantPast)
        return now.timeIntervalSince(since) > Double(hours) * 3600
    }
}
