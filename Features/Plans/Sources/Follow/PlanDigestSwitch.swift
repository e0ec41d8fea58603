import Fluent
import Foundation
import KrachtCore
import Vapor

/// Turning the plans digest off (the link in a digest, a mail program's one-click button, or the
/// switch on my plans page) or on again. Off records a `PlanDigestOptOut` (which alone stops news
/// being recorded) and drops their unsent news; the follows stay, so the plans' public follower
/// counts stay and turning the mail on again brings the news back. The same outcome however often
/// it is posted.
struct PlanDigestSwitch {
    enum Outcome: Equatable { case turnedOff, alreadyOff, turnedOn, alreadyOn, unknownLink }

    /// What the digest's unsubscribe link (`SignedID` of the user) is signed for.
    static let tokenPurpose = "plans-digest-unsubscribe"

    let app: Application

    /// What posting the link would do, without changing anything: nil when the link is genuine
    /// and the digest still on (the page asks), else the outcome already reached.
    func check(token: String) async throws -> Outcome? {
        guard let userID = SignedID.id(from: token, purpose: Self.tokenPurpose, key: app.config.secretKey),
            try await User.find(userID, on: app.db) != nil
        else { return .unknownLink }
        return try await PlanDigestOptOut.query(on: app.db).filter(\.$userID == userID).first() == nil ? nil : .alreadyOff
    }

    func turnOff(token: String) async throws -> Outcome {
        guard let userID = SignedID.id(from: token, purpose: Self.tokenPurpose, key: app.config.secretKey) else { return .unknownLink }
        return try await turnOff(userID: userID)
    }

    func turnOff(userID: UUID) async throws -> Outcome {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            // The person's row lock makes two posts at once take turns.
            guard try await User.locked(userID, on: db) != nil else { return .unknownLink }
            guard try await PlanDigestOptOut.query(on: db).filter(\.$userID == userID).first() == nil else { return .alreadyOff }
            let optOut = PlanDigestOptOut()
            optOut.userID = userID
            optOut.createdAt = now
            try await optOut.create(on: db)
            try await PlanNotification.query(on: db).filter(\.$userID == userID).filter(\.$sentAt == nil).delete()
            return .turnedOff
        }
    }

    func turnOn(userID: UUID) async throws -> Outcome {
        try await app.db.writeTransaction { db in
            _ = try await User.locked(userID, on: db)
            guard let optOut = try await PlanDigestOptOut.query(on: db).filter(\.$userID == userID).first() else { return .alreadyOn }
            try await optOut.delete(on: db)
            return .turnedOn
        }
    }
}
