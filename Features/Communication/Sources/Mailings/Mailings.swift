import Fluent
import KrachtCore
import Vapor

/// Mailings: written in Markdown by a coordinator, sent to a segment of the list through the
/// outbox at a throttled rate that survives a restart without sending anyone a copy twice.
struct Mailings: Feature {
    let name = "mailings"

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}
}
