import Fluent
import KrachtCore

/// Every event's counters against its registrations (stub: the check-in helper).
enum EventsVerify {
    static func problems(on db: any Database) async throws -> [String] { [] }
}
