import Fluent
import Foundation
import KrachtCore

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
    /// Call in the creating transaction, so two events with one title on one day take turns.
    public static func make(title: String, startsAt: Date, on db: any Database) async throws -> String {
        let base = "\(base(of: title))-\(AmsterdamTime.day(startsAt))"
        let taken = Set(try await Event.query(on: db).filter(\.$slug =~ base).all(\.$slug))
        var candidate = base
        var n = 1
        while taken.contains(candidate) || EventsPath.reservedSlugs.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }
}
