import Crypto
import Foundation
import Vapor

/// OWASP's "device cookie": a browser in which someone logged in successfully carries a signed
/// note of that account, `<userID>.<HMAC>.<nonce>`. Logging in to that account from such a
/// browser skips the per-account slowdown (see `LogIn`), so an attacker who keeps an account
/// under fire cannot keep its owner out. Only the server's secret makes a valid one.
public enum DeviceCookie {
    public static let name = "kracht_device"
    static let lifetime = 60 * 60 * 24 * 365

    /// A new cookie value for `userID`, with a fresh nonce.
    public static func value(for userID: UUID, key: SymmetricKey) -> String {
        let nonce = SecureToken.make()
        return "\(userID.uuidString).\(signature(userID.uuidString, nonce, key: key)).\(nonce)"
    }

    /// The account a genuine cookie value was made for, with its nonce (which names the device);
    /// nil for anything forged, altered or malformed.
    public static func verify(_ value: String?, key: SymmetricKey) -> (userID: UUID, nonce: String)? {
        guard let value, value.utf8.count <= 200 else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let userID = UUID(uuidString: parts[0]), !parts[2].isEmpty,
            SecureToken.constantTimeEquals(parts[1], signature(parts[0], parts[2], key: key))
        else { return nil }
        return (userID, parts[2])
    }

    /// The cookie a successful login sets.
    static func cookie(for userID: UUID, on app: Application) -> HTTPCookies.Value {
        .init(
            string: value(for: userID, key: app.config.secretKey), maxAge: lifetime, isSecure: app.config.isHTTPS,
            isHTTPOnly: true, sameSite: .lax)
    }

    private static func signature(_ userID: String, _ nonce: String, key: SymmetricKey) -> String {
        SecureToken.hex(HMAC<SHA256>.authenticationCode(for: Data(("device:" + userID + nonce).utf8), using: key))
    }
}
