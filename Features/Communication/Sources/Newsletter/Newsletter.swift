import Fluent
import KrachtCore
import Vapor

/// The newsletter list: subscribe with double opt-in, districts and domains of interest,
/// one-click unsubscribe; the manifesto's "keep me informed" box feeds it (`MailingList`).
struct Newsletter: Feature {
    let name = "newsletter"

    func migrations() -> [any Migration] { [CreateNewsletterSubscribers()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
}
