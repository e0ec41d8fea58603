import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// `kracht fund rotate-key`: re-seals under the newest fund key (the first in
/// `KRACHT_FUND_KEY`) everything an older key sealed — names, details, status tokens, messages,
/// decision notes, payee details, documents — and re-computes the person keys (blind indexes),
/// after which the old key can be dropped. Without downtime: batches of `batchSize` rows, each
/// its own short transaction; rows already under the newest key are skipped, so it is safe to
/// interrupt and run again. An update names the row as it was read, so a case erased meanwhile
/// stays erased.
public struct RotateFundKey: Sendable {
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var applications = 0, messages = 0, decisions = 0, payouts = 0, documents = 0
        /// Document rows whose file is missing or does not open: left as they are, for `verify`.
        public var unreadableDocuments = 0
        public var total: Int { applications + messages + decisions + payouts + documents }
        public var description: String {
            "re-sealed \(applications) applications, \(messages) messages, \(decisions) decisions, \(payouts) payouts, "
                + "\(documents) documents" + (unreadableDocuments > 0 ? "; \(unreadableDocuments) documents could not be read" : "")
        }
    }

    let app: Application
    let batchSize: Int

    public init(app: Application, batchSize: Int = 500) {
        self.app = app
        self.batchSize = batchSize
    }

    var sealer: FieldSealer { app.fundSealer }
    /// `k<newest version>.%`: what a value sealed under the newest key starts with.
    var currentPattern: String { "k\(sealer.keys[0].version).%" }

    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        summary.applications = try await applications(progress: progress)
        summary.messages = try await column(SupportMessage.schema, "body_sealed", ApplicantVault.Context.message, progress)
        summary.decisions = try await column(SupportDecision.schema, "note_sealed", ApplicantVault.Context.note, progress)
        summary.payouts = try await column(SupportPayout.schema, "payee_sealed", ApplicantVault.Context.payee, progress)
        (summary.documents, summary.unreadableDocuments) = try await documents(progress: progress)
        return summary
    }

    /// One sealed column of a table, batch by batch (keyset on the id, so a row that cannot be
    /// re-sealed is passed, not read again forever).
    func column(_ table: String, _ column: String, _ context: String, _ progress: @Sendable (String) -> Void) async throws -> Int {
        var after: UUID?
        var done = 0
        while true {
            let rows = try await notCurrent(table, columns: [column], after: after)
            guard let last = rows.last else { break }
            after = try last.decode(column: "id", as: UUID.self)
            var changes: [(id: UUID, old: String, new: String)] = []
            for row in rows {
                let old = try row.decode(column: column, as: String.self)
                changes.append(
                    (
                        try row.decode(column: "id", as: UUID.self), old,
                        try sealer.seal(sealer.open(old, context: context), context: context)
                    ))
            }
            let batch = changes
            let count = try await app.db.writeTransaction { db in
                var count = 0
                for change in batch {
                    let updated = try await db.sql.update(table).set(SQLIdentifier(column), to: SQLBind(change.new))
                        .where("id", .equal, change.id).where(SQLIdentifier(column), .equal, SQLBind(change.old))
                        .returning("id").all()
                    count += updated.count
                }
                return count
            }
            done += count
            progress("\(table): \(done) re-sealed")
        }
        return done
    }

    /// Cases: name, details and status token re-sealed, and the person keys made anew from the
    /// opened name and details (a blind index cannot be converted, only re-computed).
    func applications(progress: @Sendable (String) -> Void) async throws -> Int {
        let context = ApplicantVault.Context.self
        var after: UUID?
        var done = 0
        while true {
            let rows = try await notCurrent(
                SupportApplication.schema, columns: ["name_sealed", "details_sealed", "status_token_sealed"], after: after)
            guard let last = rows.last else { break }
            after = try last.decode(column: "id", as: UUID.self)
            var changes: [(id: UUID, name: String?, details: String?, token: String?, keys: [SupportPersonKey])] = []
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let name =
                    try row.decodeNil(column: "name_sealed")
                    ? nil : try sealer.open(row.decode(column: "name_sealed", as: String.self), context: context.name)
                let detailsJSON =
                    try row.decodeNil(column: "details_sealed")
                    ? nil : try sealer.open(row.decode(column: "details_sealed", as: String.self), context: context.details)
                let token =
                    try row.decodeNil(column: "status_token_sealed")
                    ? nil : try sealer.open(row.decode(column: "status_token_sealed", as: String.self), context: context.statusToken)
                let details = try detailsJSON.map(ApplicantDetails.init(json:))
                let keys =
                    name.map { PersonKeys.make(applicationID: id, name: $0, phone: details?.phone, email: details?.email, sealer: sealer) }
                    ?? []
                changes.append(
                    (
                        id, try name.map { try sealer.seal($0, context: context.name) },
                        try detailsJSON.map { try sealer.seal($0, context: context.details) },
                        try token.map { try sealer.seal($0, context: context.statusToken) }, keys
                    ))
            }
            let batch = changes
            let count = try await app.db.writeTransaction { db in
                // One multi-row UPDATE per batch (`column1…` are the VALUES' columns on both databases);
                // a case erased since it was read is not in `erased_at IS NULL`, so it stays erased.
                var update = SQLQueryString(
                    "UPDATE support_applications SET name_sealed = v.column2, details_sealed = v.column3, status_token_sealed = v.column4 FROM (VALUES "
                )
                for (index, change) in batch.enumerated() {
                    update +=
                        "\(unsafeRaw: index == 0 ? "" : ", ")(\(bind: change.id), \(bind: change.name), \(bind: change.details), \(bind: change.token))"
                }
                update += ") AS v WHERE support_applications.id = v.column1 AND support_applications.erased_at IS NULL RETURNING id"
                let resealed = Set(try await db.sql.raw(update).all().map { try $0.decode(column: "id", as: UUID.self) })
                let keys = batch.filter { resealed.contains($0.id) }.flatMap(\.keys)
                guard !resealed.isEmpty else { return 0 }
                try await db.sql.delete(from: SupportPersonKey.schema).where(
                    SQLIdentifier("application_id"), .in, SQLGroupExpression(resealed.map { SQLBind($0) })
                ).run()
                for chunk in stride(from: 0, to: keys.count, by: 300).map({ keys[$0..<min($0 + 300, keys.count)] }) {
                    var insert = db.sql.insert(into: SupportPersonKey.schema).columns("id", "application_id", "kind", "key")
                    for key in chunk {
                        insert = insert.values(SQLBind(UUID()), SQLBind(key.$application.id), SQLBind(key.kind), SQLBind(key.key))
                    }
                    try await insert.run()
                }
                return resealed.count
            }
            done += count
            progress("\(SupportApplication.schema): \(done) re-sealed")
        }
        return done
    }

    /// The next batch of rows (id and `columns`) with any of `columns` sealed under an older key.
    func notCurrent(_ table: String, columns: [String], after: UUID?) async throws -> [any SQLRow] {
        var query = db.select().column("id").columns(columns.map { SQLIdentifier($0) }).from(table)
        if let after { query = query.where("id", .greaterThan, after) }
        var condition = SQLQueryString("(")
        for (index, column) in columns.enumerated() {
            condition +=
                "\(unsafeRaw: index == 0 ? "" : " OR ")(\(ident: column) IS NOT NULL AND \(ident: column) NOT LIKE \(bind: currentPattern))"
        }
        condition += ")"
        query = query.where(condition)
        return try await query.orderBy("id").limit(batchSize).all()
    }

    var db: any SQLDatabase { app.db.sql }
}
