import Fluent
import Foundation
import KrachtCore
import Vapor

/// Imports a bank statement: read whole (a refused file posts nothing), then in one transaction
/// every new credit in euro is either matched by its reference to its gift and paid through
/// `PayGift`, or posted at once to the queue (`bank_unmatched`); every debit in euro is posted
/// as a bank cost (`bank_debit`), so the ledger's bank balance is the bank's. Other currencies
/// and returned credits are reported, not posted. A line already imported (the same file
/// again, an overlapping statement) adds nothing. A statement of another account than the
/// fund's, or of days already imported in the other format, is refused whole.
public struct ImportStatement: Sendable {
    public struct Skipped: Sendable, Equatable {
        public enum Reason: String, Sendable { case currency, returned }
        public var fileLine: Int
        public var reason: Reason
        public var amountCents: Int64
        public var currency: String
    }
    public struct Summary: Sendable, Equatable {
        public var importID: UUID
        public var format: StatementFormat
        public var matched = 0, queued = 0, duplicates = 0, debits = 0
        /// Transfers of the fund's payouts (`StatementPayouts`): paid, or returned.
        public var payouts = 0
        public var skipped: [Skipped] = []
    }
    public enum Outcome: Sendable, Equatable {
        case imported(Summary)
        case refused(StatementProblem)
    }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(_ source: StatementSource, fileName: String, by actorID: UUID?) async throws -> Outcome {
        let started = Date()
        let statement: StatementReader.Statement
        do {
            statement = try StatementReader.read(source, maxBytes: app.bankStatementSettings.maxBytes)
        } catch let problem as StatementProblem {
            return .refused(problem)
        }
        app.logger.info(
            "statement read", metadata: ["lines": "\(statement.lines.count)", "seconds": "\(Date().timeIntervalSince(started))"])
        var summary = Summary(importID: UUID(), format: statement.format)
        if let problem = StatementPeriod.otherAccount(statement.lines, fundIBAN: app.fundSettings.iban) { return .refused(problem) }
        var credits: [StatementLine] = []
        for line in statement.lines {
            // A returned debit is money back out as well: a debit like any other.
            // A returned credit naming an end-to-end id may be a payout of ours coming back: matching decides.
            let maybePayout = line.endToEndID != nil && !app.statementPayoutHandlers.isEmpty
            let reason: Skipped.Reason? =
                line.currency != "EUR" ? .currency : line.isCredit && line.isReturn && !maybePayout ? .returned : nil
            if let reason {
                summary.skipped.append(
                    Skipped(fileLine: line.fileLine, reason: reason, amountCents: line.amountCents, currency: line.currency))
            } else {
                credits.append(line)
            }
        }
        let record = StatementImport()
        record.id = summary.importID
        record.importedAt = app.clock.now()
        record.importedBy = actorID
        record.fileName = String(fileName.prefix(200))
        record.fileHash = try Self.hash(source)
        record.format = statement.format.rawValue
        let app = self.app
        let lines = credits
        let start = summary
        // The same statement imported twice at once (two treasurers, the page and the SFTP job):
        // one commits, the other hits the unique line keys and, tried again, finds them imported.
        let book = { @Sendable () async throws -> Summary in
            try await app.db.writeTransaction { db in
                if let overlap = try await StatementPeriod.overlap(statement.lines, format: statement.format, on: db) { throw overlap }
                return try await Self.withLargeCache(on: db) {
                    var summary = start
                    try await StatementMatching(app: app, actorID: actorID, importID: summary.importID).book(
                        lines, into: &summary, on: db)
                    record.matched = summary.matched
                    record.queued = summary.queued
                    record.duplicates = summary.duplicates
                    record.skipped = summary.skipped.count
                    try await record.create(on: db)
                    try await AuditEvent.record(
                        "fund.statement.import", subject: "statement_import:\(summary.importID)",
                        details: "\(record.fileName): \(summary.matched) matched, \(summary.queued) queued", by: actorID, on: db)
                    return summary
                }
            }
        }
        let result: Summary
        do {
            do {
                result = try await book()
            } catch let error as any DatabaseError where error.isConstraintFailure {
                result = try await book()
            }
        } catch let problem as StatementProblem {
            return .refused(problem)
        }
        FundTotals.changed(app)
        app.logger.info("statement imported", metadata: ["seconds": "\(Date().timeIntervalSince(started))"])
        return .imported(result)
    }

    /// A large statement touches pages all over the tables' indexes; with SQLite's small default
    /// cache they are written to the WAL again and again within the one transaction. A larger
    /// cache (32 MB) for this work only, given back after it, also when it fails.
    static func withLargeCache<T>(on db: any Database, _ work: () async throws -> T) async throws -> T {
        guard !db.isPostgres else { return try await work() }
        try await db.sql.raw("PRAGMA cache_size = -32768").run()
        do {
            let result = try await work()
            try await db.sql.raw("PRAGMA cache_size = -2000").run()
            return result
        } catch {
            try? await db.sql.raw("PRAGMA cache_size = -2000").run()
            throw error
        }
    }

    static func hash(_ source: StatementSource) throws -> String {
        var hasher = SHA256()
        switch source {
        case .data(let data): hasher.update(data: data)
        case .file(let url):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        }
        return SecureToken.hex(hasher.finalize())
    }
}
