import Fluent
import KrachtCore
import Vapor

/// What the event page shows about registering: the form, the viewer's own registration, places
/// left, the waitlist (stub: the registration helper). Rendered by `events/_register.leaf`.
public struct RegistrationSection: Encodable, Sendable {
    public static func load(for event: Event, viewer: User?, req: Request) async throws -> RegistrationSection {
        RegistrationSection()
    }
}
