import Crypto
import Foundation
import KrachtCore
import Vapor

/// The signed links every mailing carries per subscriber: the preferences page, the unsubscribe
/// page (asks first), and the one-click address for `Mailer.enqueue(listUnsubscribe:)` (RFC 8058).
/// The token is `<subscriber id, hex>-<HMAC>` over the id with the app's secret: no table, no
/// name or address in it, valid as long as the row exists.
public struct NewsletterLinks: Sendable, Equatable {
    public var token: String
    public var preferences: String
    public var unsubscribe: String
    public var oneClick: String

    public init(subscriberID: UUID, app: Application) {
        let token = NewsletterToken.make(subscriberID: subscriberID, key: app.config.secretKey)
        self.token = token
        preferences = NewsletterPath.preferences(.value(token)).url(on: app)
        unsubscribe = NewsletterPath.unsubscribe(.value(token)).url(on: app)
        oneClick = NewsletterPath.unsubscribeOneClick(token: token).url(on: app)
    }
}

public enum NewsletterToken {
    public static func make(subscriberID: UUID, key: SymmetricKey) -> String {
        let id = hex(subscriberID)
        return "\(id)-\(signature(id, key: key))"
    }

    /// The subscriber id of a genuine token; nil for an altered or made-up one.
    public static func subscriberID(from token: String, key: SymmetricKey) -> UUID? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard token.utf8.count <= 120, parts.count == 2, parts[0].utf8.count == 32, parts[0].allSatisfy(\.isHexDigit),
            SecureToken.constantTimeEquals(parts[1], signature(parts[0], key: key))
        else { return nil }
        let h = Array(parts[0])
        let dashed = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
        return UUID(uuidString: dashed)
    }

    private static func hex(_ id: UUID) -> String { id.uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    private static func signature(_ id: String, key: SymmetricKey) -> String {
        String(SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data("newsletter-subscriber\u{0}\(id)".utf8), using: key)).prefix(32))
    }
}
