import Crypto
import Foundation
import KrachtCore

/// The time a form was served, signed by the server, so a submission that comes back faster
/// than a person can type is recognised as a bot — without a captcha or tracking.
enum FormToken {
    enum Check: Equatable { case ok, tooFast, expired, invalid }

    static func make(at time: Date, key: SymmetricKey) -> String {
        let stamp = String(Int64(time.timeIntervalSince1970))
        return stamp + "." + signature(stamp, key: key)
    }

    static func check(_ token: String?, now: Date, minimumSeconds: Int, key: SymmetricKey) -> Check {
        guard let token, token.count < 100 else { return .invalid }
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let stamp = Int64(parts[0]),
            SecureToken.constantTimeEquals(parts[1], signature(parts[0], key: key))
        else { return .invalid }
        let age = Int64(now.timeIntervalSince1970) - stamp
        if age < Int64(minimumSeconds) { return .tooFast }
        if age > 24 * 3600 { return .expired }
        return .ok
    }

    private static func signature(_ stamp: String, key: SymmetricKey) -> String {
        SecureToken.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(("form:" + stamp).utf8), using: key)).prefix(16))
    }

    /// A keyed hash of an IP address: groups sign-ups from one address without storing it.
    static func ipHash(_ ip: String, key: SymmetricKey) -> String {
        SecureToken.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(("ip:" + ip).utf8), using: key)).prefix(12))
    }
}
