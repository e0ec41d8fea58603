import Fluent
import KrachtCore
import SQLKit

/// The fund's tables: gifts, monthly gifts, campaigns, and the ledger with its maintained totals.
/// The ledger's two tables refuse UPDATE and DELETE in the database itself.
struct CreateFund: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db.sql
        let uuid = db.isPostgres ? "UUID" : "TEXT"
        let time = db.isPostgres ? "TIMESTAMPTZ" : "TIMESTAMP"
        try await sql.raw(
            """
            CREATE TABLE fund_campaigns (
                id \(unsafeRaw: uuid) PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT NOT NULL,
                goal_cents BIGINT NOT NULL, deadline TEXT, raised_cents BIGINT NOT NULL DEFAULT 0, gifts BIGINT NOT NULL DEFAULT 0,
                created_by \(unsafeRaw: uuid), created_at \(unsafeRaw: time) NOT NULL)
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE fund_recurring (
                id \(unsafeRaw: uuid) PRIMARY KEY, status TEXT NOT NULL, amount_cents BIGINT NOT NULL,
                donor_name TEXT, donor_email TEXT, organisation TEXT, user_id \(unsafeRaw: uuid), language TEXT NOT NULL,
                wall TEXT NOT NULL, campaign_id \(unsafeRaw: uuid), source TEXT NOT NULL,
                customer_id TEXT, mandate_id TEXT, subscription_id TEXT UNIQUE, stop_token_hash TEXT UNIQUE,
                created_at \(unsafeRaw: time) NOT NULL, stopped_at \(unsafeRaw: time))
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE fund_gifts (
                id \(unsafeRaw: uuid) PRIMARY KEY, created_at \(unsafeRaw: time) NOT NULL, paid_at \(unsafeRaw: time),
                amount_cents BIGINT NOT NULL, refunded_cents BIGINT NOT NULL DEFAULT 0, frequency TEXT NOT NULL,
                method TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL, language TEXT NOT NULL,
                donor_name TEXT, donor_email TEXT, organisation TEXT, user_id \(unsafeRaw: uuid), donor_key TEXT,
                wall TEXT NOT NULL, message TEXT, campaign_id \(unsafeRaw: uuid), recurring_id \(unsafeRaw: uuid),
                reference TEXT UNIQUE, provider_payment_id TEXT UNIQUE, token_hash TEXT UNIQUE, ledger_cause TEXT UNIQUE,
                note TEXT, recorded_by \(unsafeRaw: uuid))
            """
        ).run()
        try await sql.raw("CREATE INDEX fund_gifts_paid ON fund_gifts (status, paid_at)").run()
        try await sql.raw("CREATE INDEX fund_gifts_user ON fund_gifts (user_id)").run()
        try await sql.raw("CREATE INDEX fund_gifts_email ON fund_gifts (donor_email)").run()
        try await sql.raw("CREATE INDEX fund_gifts_campaign ON fund_gifts (campaign_id, status, paid_at)").run()
        try await sql.raw(
            """
            CREATE TABLE fund_ledger_entries (
                id \(unsafeRaw: uuid) PRIMARY KEY, kind TEXT NOT NULL, cause_type TEXT NOT NULL, cause_id TEXT NOT NULL,
                booked_at \(unsafeRaw: time) NOT NULL, month TEXT NOT NULL, actor_id \(unsafeRaw: uuid), memo TEXT,
                created_at \(unsafeRaw: time) NOT NULL, UNIQUE (kind, cause_type, cause_id))
            """
        ).run()
        try await sql.raw(
            """
            CREATE TABLE fund_ledger_lines (
                entry_id \(unsafeRaw: uuid) NOT NULL REFERENCES fund_ledger_entries (id), position INTEGER NOT NULL,
                account TEXT NOT NULL, cents BIGINT NOT NULL, PRIMARY KEY (entry_id, position))
            """
        ).run()
        try await sql.raw("CREATE INDEX fund_ledger_lines_account ON fund_ledger_lines (account)").run()
        try await sql.raw(
            """
            CREATE TABLE fund_month_totals (
                month TEXT NOT NULL, account TEXT NOT NULL, cents BIGINT NOT NULL, lines BIGINT NOT NULL, PRIMARY KEY (month, account))
            """
        ).run()
        try await sql.raw("CREATE TABLE fund_counters (key TEXT PRIMARY KEY, value BIGINT NOT NULL)").run()
        for counter in FundTotals.Counter.allCases {
            try await sql.raw("INSERT INTO fund_counters (key, value) VALUES (\(bind: counter.rawValue), 0)").run()
        }
        /// Who gave at least once, by a keyed hash of their address or bank account: the donors count.
        try await sql.raw("CREATE TABLE fund_donors (key TEXT PRIMARY KEY, first_gift_at \(unsafeRaw: time) NOT NULL)").run()
        try await AppendOnly.protect(["fund_ledger_entries", "fund_ledger_lines"], on: db)
    }

    func revert(on db: any Database) async throws {
        for table in [
            "fund_donors", "fund_counters", "fund_month_totals", "fund_ledger_lines", "fund_ledger_entries", "fund_gifts",
            "fund_recurring", "fund_campaigns",
        ] {
            try await db.sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}

/// Tables the database itself keeps append-only: a trigger refuses every UPDATE and DELETE.
enum AppendOnly {
    static let message = "the fund ledger is append-only: post a correcting entry instead"

    static func protect(_ tables: [String], on db: any Database) async throws {
        if db.isPostgres {
            try await db.sql.raw(
                """
                CREATE OR REPLACE FUNCTION kracht_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '\(unsafeRaw: message)'; END; $$ LANGUAGE plpgsql
                """
            ).run()
        }
        for table in tables {
            if db.isPostgres {
                try await db.sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: table)
                    FOR EACH ROW EXECUTE FUNCTION kracht_append_only()
                    """
                ).run()
                try await db.sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: table)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION kracht_append_only()
                    """
                ).run()
            } else {
                for action in ["UPDATE", "DELETE"] {
                    try await db.sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: action.lowercased()) BEFORE \(unsafeRaw: action) ON \(unsafeRaw: table)
                        BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: message)'); END
                        """
                    ).run()
                }
            }
        }
    }
}
