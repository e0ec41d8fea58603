import Foundation
import Fluent
import KrachtCore

/// A person's registrations in their export; erasure; the retention purge (stub: the benefit helper).
enum EventsPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? { nil }
    static func erase(of user: User, on db: any Database) async throws {}
}

enum EventsRetention {
    static func purge(now: Date, on db: any Database) async throws {}
}
