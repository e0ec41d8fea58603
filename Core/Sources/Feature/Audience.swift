import Vapor

/// A group of people a feature knows by their mailbox (signers, donors, event attendees), for
/// newsletter segments: a mailing to "donors" reaches the confirmed subscribers whose mailbox
/// (`EmailAddress.canonicalMailbox`) is in this set. Nobody is mailed for being in an audience
/// alone: only subscribers are.
public struct Audience: Sendable {
    public var key: String
    /// A text key in the feature's catalogue ("signers of the manifesto").
    public var labelKey: String
    public var mailboxes: @Sendable (Application) async throws -> Set<String>
    public init(key: String, labelKey: String, mailboxes: @escaping @Sendable (Application) async throws -> Set<String>) {
        (self.key, self.labelKey, self.mailboxes) = (key, labelKey, mailboxes)
    }
}
