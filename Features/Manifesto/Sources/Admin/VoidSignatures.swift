import Fluent
import FluentSQL
import KrachtCore
import Vapor

/// A coordinator voids a suspicious burst: the signatures stop counting, stay for the audit,
/// and the action is recorded with its reason.
struct VoidSignatures: Sendable {
    enum Kind: String, Sendable { case ip, domain }
    enum Outcome: Sendable, Equatable { case voided(Int), invalid }

    let app: Application

    func run(by coordinator: User, kind: Kind, value: String, from: Date, to: Date, reason: String) async throws -> Outcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty, value.count <= 300, from <= to, (5...500).contains(reason.count) else { return .invalid }
        let outcome: Outcome = try await app.db.writeTransaction { db in
            // Locked (on PostgreSQL) so that a confirmation arriving meanwhile waits, and the
            // counter drops by exactly the confirmed signatures voided here.
            let signatures = try await db.sql.select().column("*").from(Signature.schema)
                .where("created_at", .greaterThanOrEqual, from).where("created_at", .lessThanOrEqual, to)
                .where("status", .notEqual, Signature.Status.voided.rawValue).where("source", .equal, Signature.Source.online.rawValue)
                .where(kind == .ip ? "ip_hash" : "email_domain", .equal, value)
                .for(.update).all(decodingFluent: Signature.self)
            let confirmed = signatures.filter { $0.status == Signature.Status.confirmed.rawValue }.count
            for signature in signatures {
                signature.status = Signature.Status.voided.rawValue
                try await signature.save(on: db)
            }
            try await SignatureCounter.add(-confirmed, to: .online, on: db)
            try await AuditEvent.record(
                "manifesto.void", subject: "\(kind.rawValue):\(value)",
                details: "\(signatures.count) signatures (\(confirmed) confirmed) between \(from) and \(to): \(reason)",
                by: coordinator.id, on: db)
            return .voided(signatures.count)
        }
        SignatureCounter.changed(app)
        return outcome
    }
}
