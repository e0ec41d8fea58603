import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The fund's donors for newsletter segments: the mailboxes of paid gifts' donors.
enum FundAudiences {
    private struct Row: Decodable { let email: String }

    static let all: [Audience] = [
        Audience(key: "donors", labelKey: "fund.audience.donors") { app in
            let rows = try await app.db.sql.raw(
                "SELECT DISTINCT donor_email AS email FROM fund_gifts WHERE status = 'paid' AND donor_email IS NOT NULL AND donor_email <> ''"
            ).all(decoding: Row.self)
            return Set(rows.map { EmailAddress.canonicalMailbox($0.email) })
        }
    ]
}
