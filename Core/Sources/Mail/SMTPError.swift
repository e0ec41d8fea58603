import Foundation

/// Why an SMTP send failed. `isPermanent` is true for a 5xx reply (or an address that can
/// never be sent), so the outbox stops retrying; everything else (4xx, timeouts, refused
/// connections) is worth another try.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case reply, connection, timeout, tls, unsupported, invalidAddress, protocolViolation }
    public var kind: Kind
    /// The server's reply code, for `.reply`.
    public var code: Int?
    public var message: String
    /// The command that got the reply (never with credentials).
    public var command: String?

    public init(kind: Kind, code: Int? = nil, message: String, command: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.command = command
    }

    public var isPermanent: Bool { kind == .invalidAddress || (code ?? 0) >= 500 }
    public var isTransient: Bool { !isPermanent }

    public var description: String {
        let what = code.map { "SMTP \($0)" } ?? "SMTP \(kind)"
        return what + (command.map { " after \($0)" } ?? "") + ": " + message
    }
}
