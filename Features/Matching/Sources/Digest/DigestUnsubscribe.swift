import Fluent
import Foundation
import KrachtCore
import Vapor

/// Turning the weekly digest off from the link in a digest (or a mail program's one-click
/// button, RFC 8058): the same outcome however often it is posted.
struct UnsubscribeFromDigest {
    enum Outcome: Equatable { case unsubscribed, alreadyOff, unknownLink }

    /// What the digest's unsubscribe link (`SignedID` of the user) is signed for.
    static let tokenPurpose = "matching-digest-unsubscribe"

    let app: Application

    /// What posting would do, without changing anything: nil when the link is genuine and the
    /// digest is still on (the page asks), else the outcome already reached.
    func check(_ token: String) async throws -> Outcome? {
        guard let userID = SignedID.id(from: token, purpose: Self.tokenPurpose, key: app.config.secretKey),
            let profile = try await ResidentProfile.query(on: app.db).filter(\.$userID == userID).first()
        else { return .unknownLink }
        return profile.digest ? nil : .alreadyOff
    }

    func run(_ token: String) async throws -> Outcome {
        guard let userID = SignedID.id(from: token, purpose: Self.tokenPurpose, key: app.config.secretKey) else { return .unknownLink }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let profile = try await ResidentProfile.query(on: db).filter(\.$userID == userID).first() else { return .unknownLink }
            guard profile.digest else { return .alreadyOff }
            profile.digest = false
            profile.updatedAt = now
            try await profile.save(on: db)
            return .unsubscribed
        }
    }
}
