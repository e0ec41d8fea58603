import Crypto
import Foundation
import KrachtCore

/// The digest's unsubscribe link: `<user id, hex>-<HMAC>`, signed with the app's secret over
/// the user id (as Matching's digest does), so it needs no table and works without signing in;
/// it holds no name or address.
enum PlanDigestToken {
    static func make(userID: UUID, key: SymmetricKey) -> String {
        let id = hex(userID)
        return "\(id)-\(signature(id, key: key))"
    }

    /// The user id of a genuine token; nil for an altered or made-up one.
    static func userID(from token: String, key: SymmetricKey) -> UUID? {
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
        String(
            SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data("plans-digest-unsubscribe\u{0}\(id)".utf8), using: key)).prefix(32))
    }
}
