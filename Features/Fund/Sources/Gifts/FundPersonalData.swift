import Fluent
import Foundation
import KrachtCore
import SQLKit

/// What the fund holds on one person, for their account export and their erasure: the gifts
/// and monthly gifts under their account, or under their address once they proved it is theirs.
/// Erasure removes the person, never the money: the ledger holds amounts only, and a gift stays
/// counted without a name.
enum FundPersonalData {
    static func gifts(of user: User, on db: any Database) async throws -> [Gift] {
        try await Gift.query(on: db).group(.or) { group in
            group.filter(\.$userID == user.id)
            if user.emailConfirmedAt != nil { group.filter(\.$donorEmail == user.email.lowercased()) }
        }.sort(\.$createdAt).all()
    }

    static func recurring(of user: User, on db: any Database) async throws -> [RecurringGift] {
        try await RecurringGift.query(on: db).group(.or) { group in
            group.filter(\.$userID == user.id)
            if user.emailConfirmedAt != nil { group.filter(\.$donorEmail == user.email.lowercased()) }
        }.sort(\.$createdAt).all()
    }

    static func export(of user: User, sealer: FieldSealer, on db: any Database) async throws -> JSONValue? {
        let gifts = try await gifts(of: user, on: db)
        let recurring = try await recurring(of: user, on: db)
        guard !gifts.isEmpty || !recurring.isEmpty else { return nil }
        let ids = gifts.compactMap(\.id)
        let lines = try await statementLines(of: ids, on: db)
        let refunds = try await refunds(of: ids, on: db)
        return [
            "bank_statement_lines": .array(
                try lines.map { row in
                    let open = { (column: String, context: String) -> JSONValue in
                        guard let sealed = try row.decode(column: column, as: String?.self) else { return .null }
                        return (try? sealer.open(sealed, context: context)).map(JSONValue.string) ?? .null
                    }
                    return [
                        "booking_day": .string(try row.decode(column: "booking_day", as: String.self)),
                        "amount_cents": .int(try row.decode(column: "amount_cents", as: Int64.self)),
                        "account_holder": try open("name_sealed", "fund_statement_lines.name"),
                        "description": try open("text_sealed", "fund_statement_lines.text"),
                        "account_last_4": optional(try row.decode(column: "iban_last4", as: String?.self)),
                    ]
                }),
            "refunds": .array(
                try refunds.map { row in
                    [
                        "amount_cents": .int(try row.decode(column: "cents", as: Int64.self)),
                        "reason": .string(try row.decode(column: "reason", as: String.self)),
                        "refunded_at": time(try row.decode(column: "created_at", as: Date.self)),
                    ]
                }),
            "gifts": .array(
                gifts.map { g in
                    [
                        "amount_cents": .int(g.amountCents), "refunded_cents": .int(g.refundedCents), "frequency": .string(g.frequency),
                        "method": .string(g.method), "status": .string(g.status), "name": optional(g.donorName),
                        "email": optional(g.donorEmail), "organisation": optional(g.organisation), "wall": .string(g.wall),
                        "message": optional(g.message), "note": optional(g.note), "language": .string(g.language),
                        "reference": optional(g.reference),
                        "payment_id": optional(g.providerPaymentID), "asked_at": time(g.createdAt), "paid_at": time(g.paidAt),
                    ]
                }),
            "monthly_gifts": .array(
                recurring.map { r in
                    [
                        "amount_cents": .int(r.amountCents), "status": .string(r.status), "name": optional(r.donorName),
                        "email": optional(r.donorEmail), "organisation": optional(r.organisation), "started_at": time(r.createdAt),
                        "stopped_at": time(r.stoppedAt),
                    ]
                }),
        ]
    }

    /// Runs inside the deletion transaction. A running monthly gift is stopped here and its Mollie
    /// subscription cancelled by a job just after (a network call has no place in a transaction).
    static func erase(of user: User, now: Date, on db: any Database) async throws {
        let gifts = try await gifts(of: user, on: db)
        for gift in gifts {
            // Also its donor key: mailed statement links find nothing any more.
            gift.forgetDonor()
            try await gift.save(on: db)
        }
        let ids = gifts.compactMap(\.id)
        if !ids.isEmpty {
            try await db.sql.update("fund_statement_lines").set("name_sealed", to: SQLLiteral.null).set("text_sealed", to: SQLLiteral.null)
                .set("iban_index", to: SQLLiteral.null).set("iban_last4", to: SQLLiteral.null)
                .where("gift_id", .in, ids).run()
            try await db.sql.update("fund_refunds").set("reason", to: SQLBind("")).where("gift_id", .in, ids).run()
        }
        for monthly in try await recurring(of: user, on: db) {
            let running = monthly.recurringStatus == .active || monthly.recurringStatus == .pending
            monthly.forgetDonor()
            if running {
                monthly.status = RecurringGift.Status.stopped.rawValue
                monthly.stoppedAt = now
                if let id = monthly.id, monthly.subscriptionID != nil {
                    try await JobQueue.enqueue(
                        cancelSubscriptionJob, payload: id.uuidString, runAt: now, uniqueKey: "fund-cancel-\(id)", on: db)
                }
            }
            try await monthly.save(on: db)
        }
    }

    private static func statementLines(of giftIDs: [UUID], on db: any Database) async throws -> [any SQLRow] {
        guard !giftIDs.isEmpty else { return [] }
        return try await db.sql.select().columns("booking_day", "amount_cents", "name_sealed", "text_sealed", "iban_last4")
            .from("fund_statement_lines").where("gift_id", .in, giftIDs).orderBy("booking_day").all()
    }

    private static func refunds(of giftIDs: [UUID], on db: any Database) async throws -> [any SQLRow] {
        guard !giftIDs.isEmpty else { return [] }
        return try await db.sql.select().columns("cents", "reason", "created_at").from("fund_refunds")
            .where("gift_id", .in, giftIDs).orderBy("created_at").all()
    }

    static let cancelSubscriptionJob = "fund.cancel-subscription"

    private static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func time(_ date: Date?) -> JSONValue { date.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null }
}
