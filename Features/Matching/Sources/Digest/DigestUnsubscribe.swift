import Crypto
import Fluent
import Foundation
import KrachtCore
import Vapor

/// The digest's unsubscribe link: `<user id, hex>-<HMAC>`, signed with the app's secret over the
/// user id, so it needs no table and works without signing in; it holds no name or address.
enum DigestUnsubscribeToken {
    static func make(userID: UUID, key: SymmetricKey) -> String {
        let id = hex(userID)
        return "\(id)-\(signature(id, key: key))"
    }

    /// The user id of a genuine token; nil for an altered or made-up one.
    static func userID(from token: String, key: SymmetricKey) -> UUID? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard token.utf8.count <= 120, parts.count == 2, parts[0].utf8.count == 32,
            SecureToken.constantTimeEquals(parts[1], signature(parts[0], key: key))
        else { return nil }
        let h = Array(parts[0])
        let dashed = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
        return UUID(uuidString: dashed)
    }

    private static func hex(_ id: UUID) -> String { id.uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    private static func signature(_ id: String, key: SymmetricKey) -> String {
        String(
            SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data("matching-digest-unsubscribe\u{0}\(id)".utf8), using: key)).prefix(32)
        )
    }
}

/// Turning the weekly digest off from the link in a digest (or a mail program's one-click
/// button, RFC 8058): the same outcome however often it is posted.
struct UnsubscribeFromDigest {
    enum Outcome: Equatable { case unsubscribed, alreadyOff, unknownLink }

    let app: Application

    /// What posting would do, without changing anything: nil when the link is genuine and the
    /// digest is still on (the page asks), else the outcome already reached.
    func check(_ token: String) async throws -> Outcome? {
        guard let userID = DigestUnsubscribeToken.userID(from: token, key: app.config.secretKey),
            let profile = try await ResidentProfile.query(on: app.db).filter(\.$userID == userID).first()
        else { return .unknownLink }
        return profile.digest ? nil : .alreadyOff
    }

    func run(_ token: String) async throws -> Outcome {
        guard let userID = DigestUnsubscribeToken.userID(from: token, key: app.config.secretKey) else { return .unknownLink }
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
