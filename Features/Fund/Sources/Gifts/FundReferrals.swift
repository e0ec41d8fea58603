import Fluent
import KrachtCore
import SQLKit
import Vapor

/// Paid gifts through a fund campaign (`/fonds/doneren?campagne=<slug>`) whose slug is one of a
/// campaign's codes, for the movement's campaign register. Gifts have no `ref` of their own:
/// the fund campaign's slug is their code. Open, failed and refunded gifts do not count.
enum FundReferrals {
    static let all: [Referral] = [
        Referral(key: "gifts", labelKey: "fund.referral.gifts") { codes, app in
            guard !codes.isEmpty else { return 0 }
            let ids = try await FundCampaign.query(on: app.db).filter(\.$slug ~~ codes).all(\.$id)
            guard !ids.isEmpty else { return 0 }
            return Int64(
                try await Gift.query(on: app.db).filter(\.$status == Gift.Status.paid.rawValue).filter(
                    \.$campaignID ~~ ids.map(Optional.some)
                )
                .count())
        }
    ]
}
