import Fluent
import KrachtCore
import SQLKit

/// The fund's help: applications, their blind indexes, messages, documents, reads, decisions,
/// payouts and the criteria.
struct CreateSupportTables: AsyncMigration {
    /// The committee's queue with 50,000 cases (issue #10: p50 < 30 ms): one partial index per
    /// filter of `CaseQueue`, each in the filter's own order, so a page reads 50 index entries
    /// instead of sorting every open case. Their WHERE and ORDER BY repeat `CaseQueue`'s exactly
    /// (change both together). No index starts with `status`: without statistics SQLite would
    /// always take it for `status IN (…)` and then sort the 10,000 open cases.
    static let queueIndexes: [(name: String, sql: String)] = {
        let rank = "(CASE urgency WHEN 'today' THEN 0 WHEN 'week' THEN 1 ELSE 2 END)"
        return [
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
            // cases the applicant or referrer wrote on: the "wrote after the decision" filter
            ("support_applications_wrote", "support_applications (applicant_wrote_at DESC, id) WHERE applicant_wrote_at IS NOT NULL"),
        ]
    }()

    func prepare(on db: any Database) async throws {
        try await db.schema(CriteriaVersion.schema)
            .id()
            .field("version", .int, .required)
            .field("valid_from", .datetime, .required)
            .field("valid_until", .datetime)
            .field("criteria", .json, .required)
            .field("per_person_limit_cents", .int64, .required)
            .field("per_person_days", .int, .required)
            .field("monthly_budget_cents", .int64, .required)
            .field("response_hours", .int, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "version")
            .create()

        try await db.schema(SupportApplication.schema)
            .id()
            .field("number", .string, .required)
            .field("status_token_hash", .string, .required)
            .field("status_token_sealed", .string)
            .field("status", .string, .required)
            .field("category", .string, .required)
            .field("urgency", .string, .required)
            .field("requested_cents", .int64, .required)
            .field("granted_cents", .int64)
            .field("paid_cents", .int64, .required)
            .field("language", .string, .required)
            .field("district", .string)
            .field("channel", .string, .required)
            .field("referrer_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("name_sealed", .string)
            .field("details_sealed", .string)
            .field("criteria_version", .int)
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("paid_at", .datetime)
            .field("closed_at", .datetime)
            .field("erased_at", .datetime)
            .field("applicant_wrote_at", .datetime)
            .field("revision", .int, .required)
            .unique(on: "number")
            .unique(on: "status_token_hash")
            .create()
        for index in Self.queueIndexes {
            try await db.sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.sql)").run()
        }
        try await db.sql.create(index: "support_applications_referrer").on(SupportApplication.schema).column("referrer_id").run()
        try await db.sql.create(index: "support_applications_closed").on(SupportApplication.schema).column("closed_at").run()

        try await db.schema(SupportPersonKey.schema)
            .id()
            .field("application_id", .uuid, .required, .references(SupportApplication.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("key", .string, .required)
            .create()
        try await db.sql.create(index: "support_person_keys_key").on(SupportPersonKey.schema).column("key").run()
        try await db.sql.create(index: "support_person_keys_application").on(SupportPersonKey.schema).column("application_id").run()

        try await db.schema(SupportMessage.schema)
            .id()
            .field("application_id", .uuid, .required, .references(SupportApplication.schema, "id", onDelete: .cascade))
            .field("author", .string, .required)
            .field("user_id", .uuid)
            .field("addressed_to", .string)
            .field("body_sealed", .string)
            .field("created_at", .datetime, .required)
            .create()
        // Also serves every read of one case's messages (application_id first).
        try await db.sql.create(index: "support_messages_answers").on(SupportMessage.schema)
            .column("application_id").column("author").column("created_at").run()

        try await db.schema(SupportDocument.schema)
            .id()
            .field("application_id", .uuid, .required, .references(SupportApplication.schema, "id", onDelete: .cascade))
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("file_name_sealed", .string)
            .field("stored_name", .string, .required)
            .field("key_version", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.sql.create(index: "support_documents_application").on(SupportDocument.schema).column("application_id").run()

        try await db.schema(SupportCaseRead.schema)
            .id()
            .field("application_id", .uuid, .required, .references(SupportApplication.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required)
            .field("role", .string, .required)
            .field("what", .string, .required)
            .field("read_at", .datetime, .required)
            .create()
        try await db.sql.create(index: "support_case_reads_application").on(SupportCaseRead.schema).column("application_id").run()
        try await db.sql.create(index: "support_case_reads_time").on(SupportCaseRead.schema).column("read_at").run()

        try await db.schema(SupportDecision.schema)
            .id()
            .field("application_id", .uuid, .required, .references(SupportApplication.schema, "id", onDelete: .cascade))
            .field("outcome", .string, .required)
            .field("state", .string, .required)
            .field("amount_cents", .int64)
            .field("criterion", .string)
            .field("referred_to", .string)
            .field("judgements", .json, .required)
            .field("criteria_version", .int, .required)
            .field("note_sealed", .string)
            .field("proposed_by", .uuid, .required)
            .field("proposed_at", .datetime, .required)
            .field("approved_by", .uuid)
            .field("approved_at", .datetime)
            .create()
        try await db.sql.create(index: "support_decisions_application").on(SupportDecision.schema).column("application_id").run()

        try await db.schema(SupportPayoutBatch.schema)
            .id()
            .field("message_id", .string, .required)
            .field("payout_count", .int, .required)
            .field("total_cents", .int64, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "message_id")
            .create()

        try await db.schema(SupportPayout.schema)
            .id()
            .field("application_id", .uuid, .required, .references(SupportApplication.schema, "id"))
            .field("method", .string, .required)
            .field("payee", .string)
            .field("amount_cents", .int64, .required)
            .field("state", .string, .required)
            .field("end_to_end_id", .string, .required)
            .field("payee_sealed", .string)
            .field("batch_id", .uuid, .references(SupportPayoutBatch.schema, "id"))
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("paid_by", .uuid)
            .field("paid_at", .datetime)
            .field("returned_at", .datetime)
            .unique(on: "end_to_end_id")
            .create()
        try await db.sql.create(index: "support_payouts_application").on(SupportPayout.schema).column("application_id").run()
        try await db.sql.create(index: "support_payouts_state").on(SupportPayout.schema).column("state").run()
    }

    func revert(on db: any Database) async throws {
        for schema in [
            SupportPayout.schema, SupportPayoutBatch.schema, SupportDecision.schema, SupportCaseRead.schema, SupportDocument.schema,
            SupportMessage.schema, SupportPersonKey.schema, SupportApplication.schema, CriteriaVersion.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
