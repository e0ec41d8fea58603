import Fluent
import Foundation
import KrachtCore

/// An event's readable, unique slug (stub: the events helper builds it).
public enum EventSlug {
    /// `buurtgesprek-west-2027-01-13`: the title and the Amsterdam day, made unique with a number.
    public static func make(title: String, startsAt: Date, on db: any Database) async throws -> String {
        "event-\(UUID().uuidString.lowercased())"
    }
}
