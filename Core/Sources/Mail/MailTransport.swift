import Foundation

/// A fully rendered message, ready to send. `raw` is the complete RFC 5322 message (headers + body, CRLF line endings).
public struct RenderedMail: Sendable {
    public var from: String
    public var recipients: [String]
    public var raw: String

    public init(from: String, recipients: [String], raw: String) {
        self.from = from
        self.recipients = recipients
        self.raw = raw
    }
}

/// The way out for mail: a file folder, an SMTP relay, or a sendmail-compatible program.
public protocol MailTransport: Sendable {
    func send(_ mail: RenderedMail) async throws
}
