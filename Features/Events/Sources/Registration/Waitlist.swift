import Fluent
import Foundation
import KrachtCore
import Vapor

/// Filling freed places from the waitlist, in arrival order (stub: the registration helper).
public enum Waitlist {
    /// Offers places to the waitlist in order while they fit, mailing each promoted person with a
    /// deadline to confirm. Call inside a write transaction with `event` read locked (`Event.locked`).
    public static func fill(_ event: Event, now: Date, app: Application, on db: any Database) async throws {}
}
