import Crypto
import Foundation
import KrachtCore
import Vapor

/// The time a form was served, signed by the server, so a submission that comes back faster
/// than a person can type is recognised as a bot — without a captcha or tracking. A random
/// nonce makes every served form's token distinct, so it can be used once (`FormTokenUses`).
enum FormToken {
    enum Check: Equatable { case ok, tooFast, expired, invalid }

    /// How long a served form stays usable.
    static let lifetime: TimeInterval = 24 * 3600

    /// The token as a response fill (`Request.fill`): the manifesto page is shared among anonymous
    /// visitors, yet each response must carry its own token, as a token is used once.
    static let fill = "manifesto.form_token"

    static func register(on app: Application) {
        app.responseFills[fill] = { req in make(at: req.now, key: req.application.config.secretKey) }
    }

    static func make(at time: Date, key: SymmetricKey) -> String {
        let body = String(Int64(time.timeIntervalSince1970)) + "." + SecureToken.make().prefix(22)
        return body + "." + signature(body, key: key)
    }

    static func check(_ token: String?, now: Date, minimumSeconds: Int, key: SymmetricKey) -> Check {
        guard let token, token.count < 100 else { return .invalid }
        guard let dot = token.lastIndex(of: ".") else { return .invalid }
        let body = String(token[..<dot]), mac = String(token[token.index(after: dot)...])
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, let stamp = Int64(parts[0]),
            SecureToken.constantTimeEquals(mac, signature(body, key: key))
        else { return .invalid }
        let age = Int64(now.timeIntervalSince1970) - stamp
        if age < Int64(minimumSeconds) { return .tooFast }
        if age > Int64(lifetime) { return .expired }
        return .ok
    }

    private static func signature(_ body: String, key: SymmetricKey) -> String {
        SecureToken.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(("form:" + body).utf8), using: key)).prefix(16))
    }

    /// A keyed hash of an IP address: groups sign-ups from one address without storing it.
    static func ipHash(_ ip: String, key: SymmetricKey) -> String {
        SecureToken.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(("ip:" + ip).utf8), using: key)).prefix(12))
    }
}
