import Fluent
import KrachtCore
import Vapor

/// Confirmed signatures (online after their mail link, and on paper) whose `ref` is one of a
/// campaign's codes, for the movement's campaign register. Pending and voided ones do not count,
/// as in the manifesto's own count.
enum ManifestoReferrals {
    static let all: [Referral] = [
        Referral(key: "signatures", labelKey: "manifesto.referral.signatures") { codes, app in
            guard !codes.isEmpty else { return 0 }
            return Int64(
                try await Signature.query(on: app.db).filter(\.$status == Signature.Status.confirmed.rawValue)
                    .filter(\.$campaign ~~ codes).count())
        }
    ]
}
