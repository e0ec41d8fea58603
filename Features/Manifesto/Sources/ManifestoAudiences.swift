import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The manifesto's signers for newsletter segments: the mailboxes of confirmed online signatures.
enum ManifestoAudiences {
    private struct Row: Decodable { let mailbox: String }

    static let all: [Audience] = [
        Audience(key: "signers", labelKey: "manifesto.audience.signers") { app in
            let rows = try await app.db.sql.raw(
                "SELECT DISTINCT email_canonical AS mailbox FROM signatures WHERE status = 'confirmed' AND email_canonical IS NOT NULL"
            ).all(decoding: Row.self)
            return Set(rows.map(\.mailbox).filter { !$0.isEmpty })
        }
    ]
}
