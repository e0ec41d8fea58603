import Foundation
import KrachtCore
import Vapor

/// The signed links every mailing carries per subscriber: the preferences page, the unsubscribe
/// page (asks first), and the one-click address for `Mailer.enqueue(listUnsubscribe:)` (RFC 8058).
/// The token is the subscriber's `SignedID`: no table, no name or address in it, valid as long as
/// the row exists.
public struct NewsletterLinks: Sendable, Equatable {
    public var token: String
    public var preferences: String
    public var unsubscribe: String
    public var oneClick: String

    /// What a subscriber's token is signed for.
    static let tokenPurpose = "newsletter-subscriber"

    public init(subscriberID: UUID, app: Application) {
        let token = SignedID.make(subscriberID, purpose: Self.tokenPurpose, key: app.config.secretKey)
        self.token = token
        preferences = NewsletterPath.preferences(.value(token)).url(on: app)
        unsubscribe = NewsletterPath.unsubscribe(.value(token)).url(on: app)
        oneClick = NewsletterPath.unsubscribeOneClick(token: token).url(on: app)
    }
}
