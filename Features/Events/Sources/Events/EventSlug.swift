import Fluent
import Foundation
import KrachtCore
import SQLKit

/// An event's readable address, made once and kept: the title folded to plain words ("Café" →
/// "cafe"), then the Amsterdam day: `buurtgesprek-west-2027-01-13`; unique by -2, -3…; never a
/// constant path beside it (`EventsPath.reservedSlugs`); at most 90 characters.
public enum EventSlug {
    public static let maxLength = 90
    /// Room for "-2027-01-13" and a "-999" after the title.
    static let titleLength = maxLength - 11 - 4

    static func base(of title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        slug = String(slug.prefix(titleLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "evenement" : slug
    }

    /// `buurtgesprek-west-2027-01-13`: the title and the Amsterdam day, made unique with a number.
    /// Call in the creating transaction: two events with one title on one day take turns (`lock`),
    /// so the second sees the first's slug and takes the next number instead of failing on the
    /// unique index.
    public static func make(title: String, startsAt: Date, on db: any Database) async throws -> String {
        let base = "\(base(of: title))-\(AmsterdamTime.day(startsAt))"
        try await lock(base, on: db)
        let taken = Set(try await Event.query(on: db).filter(\.$slug =~ base).all(\.$slug))
        var candidate = base
        var n = 1
        while taken.contains(candidate) || EventsPath.reservedSlugs.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }

    /// Holds, until the transaction ends, the turn of everyone making an event with this title on
    /// this day. PostgreSQL: an advisory lock on the base slug (taking it twice in one transaction
    /// is fine); SQLite: the write transaction already lets one writer at a time.
    public static func lock(title: String, startsAt: Date, on db: any Database) async throws {
        try await lock("\(base(of: title))-\(AmsterdamTime.day(startsAt))", on: db)
    }

    private static func lock(_ base: String, on db: any Database) async throws {
        guard db.isPostgres else { return }
        // Two keys: this feature's number and the slug's hash, apart from the one-key locks elsewhere.
        try await db.sql.raw("SELECT pg_advisory_xact_lock(17750, hashtext(\(bind: base)))").run()
    }
}
