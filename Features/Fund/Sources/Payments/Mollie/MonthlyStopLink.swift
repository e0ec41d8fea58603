import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The "stop this monthly gift" link in every mail of a monthly gift. Its secret is derived
/// from the gift's id with the server's key, so each month's mail can carry the same link while
/// the database keeps only its hash.
enum MonthlyStopLink {
    static func secrets(for recurringID: UUID, app: Application) -> [String] {
        app.sealer.blindIndexes(recurringID.uuidString, context: "fund-monthly-stop")
    }

    /// The hash to store when the gift's first mail goes out.
    static func hash(for recurringID: UUID, app: Application) -> String {
        SecureToken.hash(app.sealer.blindIndex(recurringID.uuidString, context: "fund-monthly-stop"))
    }

    /// The link whose hash is stored (keys may have rotated since), as a full address.
    static func url(for recurring: RecurringGift, app: Application) -> String? {
        guard let id = recurring.id else { return nil }
        let all = secrets(for: id, app: app)
        let secret = all.first { SecureToken.hash($0) == recurring.stopTokenHash } ?? all[0]
        return FundPath.stopMonthlyByLink(.value(secret)).url(on: app)
    }
}
