import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor
import XCTest

/// Money for the report's tests, moved the way the app moves it: gifts paid through `PayGift`,
/// refunds and payouts posted with `Ledger.post`.
enum ReportTestGifts {
    /// A day at noon in Amsterdam, `2026-01-15`.
    static func day(_ text: String) -> Date { AmsterdamTime.parseDay(text)!.addingTimeInterval(12 * 3600) }

    @discardableResult
    static func pay(
        _ app: Application, cents: Int64, on day: String, source: GiftSource = .private, method: Gift.Method = .mollie,
        into account: LedgerAccount = .mollie, fee: Int64 = 0, email: String? = nil, userID: UUID? = nil,
        status: Gift.Status = .paid
    ) async throws -> Gift {
        let gift = Gift(amountCents: cents, method: method, source: source, language: .nl, now: Self.day(day))
        gift.donorEmail = email
        gift.donorName = email.map { _ in "Test Gever" }
        gift.userID = userID
        try await gift.create(on: app.db)
        guard status == .paid else {
            gift.status = status.rawValue
            try await gift.save(on: app.db)
            return gift
        }
        let id = try XCTUnwrap(gift.id)
        let outcome = try await app.db.writeTransaction { db in
            guard let locked = try await Gift.locked("id", id, on: db) else { throw Abort(.notFound) }
            return try await PayGift(app: app).run(
                locked, receipt: .init(account: account, cause: .init("test_payment", id.uuidString), paidAt: Self.day(day), feeCents: fee),
                on: db)
        }
        XCTAssertEqual(outcome, .paid)
        FundTotals.changed(app)
        let paid = try await Gift.find(id, on: app.db)
        return try XCTUnwrap(paid)
    }

    /// Pays `cents` of a gift back, from Mollie.
    static func refund(_ app: Application, _ gift: Gift, cents: Int64, on day: String) async throws {
        let id = try XCTUnwrap(gift.id)
        try await app.db.writeTransaction { db in
            try await Ledger.post(
                Ledger.Entry(
                    kind: "refund", cause: .init("test_refund", id.uuidString), bookedAt: Self.day(day),
                    lines: [.debit(.refunds, cents), .credit(.mollie, cents)]), on: db)
            gift.refundedCents += cents
            if gift.refundedCents >= gift.amountCents { gift.status = Gift.Status.refunded.rawValue }
            try await gift.save(on: db)
        }
        FundTotals.changed(app)
    }

    /// Support paid out from the bank (what Fund 2/2 will post).
    static func payOut(_ app: Application, cents: Int64, category: String, on day: String) async throws {
        try await app.db.writeTransaction { db in
            try await Ledger.post(
                Ledger.Entry(
                    kind: "payout", cause: .init("test_payout", UUID().uuidString), bookedAt: Self.day(day),
                    lines: [.debit(.payouts(category), cents), .credit(.bank, cents)]), on: db)
        }
    }
}
