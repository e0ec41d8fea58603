import Fluent
import Foundation
import KrachtCore
import SQLKit

/// How long a gift keeps what it knows about its donor. A gift asked for but never paid
/// expires (Mollie's checkout after 2 days, a transfer after 60), and 90 days after it was
/// asked for, a gift that expired, failed or was cancelled loses its name, address and message:
/// there is nothing to confirm or account for (the month after a transfer's expiry leaves time
/// for a late payment the treasurer matches by hand). A paid gift keeps them 7 years (the Dutch fiscal retention for
/// the records behind a gift-tax deduction), then they are erased too; its amount stays in the
/// ledger for good; a stopped monthly gift likewise 7 years after it stopped. Called daily from
/// `FundFeature.purgeExpired`.
enum GiftRetention {
    static let mollieOpenDays = 2
    static let transferOpenDays = 60
    static let unpaidKeptDays = 90
    static let paidKeptYears = 7

    struct Result: Equatable, Sendable {
        var expired: Int
        var erased: Int
    }

    @discardableResult
    static func purge(now: Date, on db: any Database) async throws -> Result {
        let day: TimeInterval = 86_400
        var expired = 0
        for (method, days) in [(Gift.Method.mollie, mollieOpenDays), (.transfer, transferOpenDays)] {
            let stale = try await Gift.query(on: db).filter(\.$status == Gift.Status.open.rawValue).filter(\.$method == method.rawValue)
                .filter(\.$createdAt < now.addingTimeInterval(-Double(days) * day)).all()
            for gift in stale {
                gift.status = Gift.Status.expired.rawValue
                try await gift.save(on: db)
            }
            expired += stale.count
        }
        let unpaid = [Gift.Status.expired, .failed, .canceled].map(\.rawValue)
        let unpaidBefore = now.addingTimeInterval(-Double(unpaidKeptDays) * day)
        let paidBefore = AmsterdamTime.calendar.date(byAdding: .year, value: -paidKeptYears, to: now) ?? now
        var erased = 0
        let old = try await Gift.query(on: db).group(.or) { or in
            or.group(.and) { $0.filter(\.$status ~~ unpaid).filter(\.$createdAt < unpaidBefore) }
            or.group(.and) {
                $0.filter(\.$status ~~ [Gift.Status.paid.rawValue, Gift.Status.refunded.rawValue]).filter(\.$paidAt < paidBefore)
            }
        }.group(.or) {
            $0.filter(\.$donorName != nil).filter(\.$donorEmail != nil).filter(\.$message != nil).filter(\.$organisation != nil).filter(
                \.$userID != nil)
        }
        .all()
        for gift in old {
            gift.forgetDonor()
            try await gift.save(on: db)
            erased += 1
        }
        // A monthly gift whose first payment never came has no mandate and nothing to keep.
        let neverStarted = try await RecurringGift.query(on: db)
            .filter(\.$status ~~ [RecurringGift.Status.pending.rawValue, RecurringGift.Status.failed.rawValue])
            .filter(\.$createdAt < unpaidBefore).filter(\.$donorEmail != nil).all()
        // A stopped one is the record behind its paid months: kept as long as they are.
        let stopped = try await RecurringGift.query(on: db).filter(\.$status == RecurringGift.Status.stopped.rawValue)
            .filter(\.$stoppedAt < paidBefore)
            .group(.or) {
                $0.filter(\.$donorName != nil).filter(\.$donorEmail != nil).filter(\.$organisation != nil).filter(\.$userID != nil)
            }
            .all()
        for recurring in neverStarted + stopped {
            if recurring.recurringStatus != .stopped { recurring.status = RecurringGift.Status.failed.rawValue }
            recurring.forgetDonor()
            try await recurring.save(on: db)
        }
        return Result(expired: expired, erased: erased)
    }
}
