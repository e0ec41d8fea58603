import Fluent
import Vapor

/// The movement's one newsletter list, for features that collect a "keep me informed" box
/// (the manifesto's): they hand over a person who already confirmed their address, in their own
/// transaction. Set by the feature that keeps the list; without it the box only stays recorded.
public protocol MailingList: Sendable {
    /// Adds a confirmed subscriber, unless the mailbox is on the list already or unsubscribed
    /// before (an earlier "no" wins over a later box).
    func addConfirmed(_ person: MailingListEntry, on db: any Database) async throws
}

public struct MailingListEntry: Sendable {
    public var email: String
    public var name: String?
    public var language: Language
    /// Districts of interest (reference data keys); the signer's own district, say.
    public var districts: [String]
    /// Where the person came from: `manifesto`, and the `ref` code when there was one.
    public var source: String
    public var ref: String?
    public init(email: String, name: String? = nil, language: Language, districts: [String] = [], source: String, ref: String? = nil) {
        (self.email, self.name, self.language, self.districts, self.source, self.ref) = (email, name, language, districts, source, ref)
    }
}

extension Application {
    public var mailingList: (any MailingList)? {
        get { storage[MailingListKey.self] }
        set { storage[MailingListKey.self] = newValue }
    }
    private struct MailingListKey: StorageKey { typealias Value = any MailingList }
}
