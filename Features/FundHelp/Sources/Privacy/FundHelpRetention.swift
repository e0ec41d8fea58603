import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A case's personal data is erased `retentionDays` after it closes (`KRACHT_FUND_RETENTION_DAYS`,
/// default 365), by the same `EraseCase` as an erasure on request: what stays is the anonymous
/// record the figures count (category, amounts, dates, outcome, district; an erased grant's
/// person keys until its per-person period ends). Run daily by the
/// retention purge; each case is its own short transaction.
enum FundHelpRetention {
    @discardableResult
    static func purge(now: Date, app: Application) async throws -> Int {
        let before = now.addingTimeInterval(-Double(app.fundHelpSettings.retentionDays) * 86400)
        let due = try await app.db.sql.select().column("id").from(SupportApplication.schema)
            .where("closed_at", .lessThan, SQLBind(before)).where("erased_at", .is, SQLLiteral.null)
            .all().map { try $0.decode(column: "id", as: UUID.self) }
        var erased = 0
        for id in due {
            erased += try await app.db.writeTransaction { db in
                // Read again under the lock: the case may have been erased or reopened meanwhile.
                guard let application = try await SupportApplication.locked(id, on: db), application.erasedAt == nil,
                    let closedAt = application.closedAt, closedAt < before
                else { return 0 }
                return try await EraseCase.run(application, app: app, on: db) == .erased ? 1 : 0
            }
        }
        // An erased grant's person keys go once its per-person period has run out.
        try await PersonKeys.purgeExpired(now: now, on: app.db)
        if erased > 0 { app.logger.info("fund help: erased the personal data of closed cases", metadata: ["cases": "\(erased)"]) }
        return erased
    }
}
