import Fluent
import SQLKit

/// The committee's queue with 50,000 cases (issue #10: p50 < 30 ms): one partial index per
/// filter of `CaseQueue`, each in the filter's own order, so a page reads 50 index entries
/// instead of sorting every open case. Their WHERE and ORDER BY repeat `CaseQueue`'s exactly
/// (change both together). The first index, on `status` first, goes: without statistics SQLite
/// always took it for `status IN (…)` and then sorted the 10,000 open cases.
struct AddQueueIndexes: AsyncMigration {
    static let rank = "(CASE urgency WHEN 'today' THEN 0 WHEN 'week' THEN 1 ELSE 2 END)"

    static let indexes: [(name: String, sql: String)] = [
        (
            "support_applications_open",
            "support_applications (\(rank), created_at, id) WHERE status IN ('received', 'question', 'proposed')"
        ),
        ("support_applications_proposed", "support_applications (\(rank), created_at, id) WHERE status = 'proposed'"),
        // waiting on the committee: the overdue alert
        ("support_applications_waiting", "support_applications (created_at, id) WHERE status IN ('received', 'proposed')"),
        ("support_applications_decided", "support_applications (decided_at DESC, id) WHERE status IN ('granted', 'paid')"),
        // the treasurer's grants awaiting payout
        ("support_applications_to_pay", "support_applications (decided_at, id) WHERE status = 'granted'"),
        ("support_applications_newest", "support_applications (created_at DESC, id)"),
        ("support_messages_answers", "support_messages (application_id, author, created_at)"),
    ]

    func prepare(on db: any Database) async throws {
        try await db.sql.raw("DROP INDEX support_applications_queue").run()
        for index in Self.indexes { try await db.sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.sql)").run() }
    }

    func revert(on db: any Database) async throws {
        for index in Self.indexes { try await db.sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
        try await db.sql.create(index: "support_applications_queue").on("support_applications")
            .column("status").column("urgency").column("created_at").run()
    }
}
