import Crypto
import Foundation

/// A link token that names a row without a table of tokens: `<id, 32 lower-case hex>-<HMAC>`,
/// the HMAC-SHA256 over `"<purpose>\0<hex id>"` with the app's secret, cut to its first 32 hex
/// digits. It holds no name or address and stays valid as long as the row exists; the purpose
/// keeps a token of one kind of link from opening another. (The format is that of the links
/// already mailed by the digests and the newsletter: do not change it.)
public enum SignedID {
    public static func make(_ id: UUID, purpose: String, key: SymmetricKey) -> String {
        let hexID = id.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return "\(hexID)-\(signature(hexID, purpose: purpose, key: key))"
    }

    /// The id of a genuine token of this purpose; nil for an altered, made-up or other-purpose one.
    public static func id(from token: String, purpose: String, key: SymmetricKey) -> UUID? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard token.utf8.count <= 120, parts.count == 2, parts[0].utf8.count == 32, parts[0].allSatisfy(\.isHexDigit),
            SecureToken.constantTimeEquals(parts[1], signature(parts[0], purpose: purpose, key: key))
        else { return nil }
        let h = Array(parts[0])
        return UUID(uuidString: [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-"))
    }

    private static func signature(_ hexID: String, purpose: String, key: SymmetricKey) -> String {
        String(SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data("\(purpose)\u{0}\(hexID)".utf8), using: key)).prefix(32))
    }
}
