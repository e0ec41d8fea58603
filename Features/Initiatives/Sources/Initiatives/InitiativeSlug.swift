import Fluent
import Foundation
import KrachtCore

/// An initiative's readable address, made once from its name and never changed after: diacritics
/// folded ("Café" → "cafe"), lower-case, words joined by hyphens; unique by -2, -3…; never a
/// constant path beside it (`InitiativesPath.reservedSlugs`).
enum InitiativeSlug {
    static let maxLength = 80
    static let baseLength = 60

    static func base(of name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        slug = String(slug.prefix(baseLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "initiatief" : slug
    }

    /// The first free slug for `name`; in the creating transaction (PostgreSQL: after the lock).
    static func unique(for name: String, on db: any Database) async throws -> String {
        let base = base(of: name)
        let taken = Set(
            try await Initiative.query(on: db).filter(\.$slug =~ base).all().map(\.slug))
        var candidate = base
        var n = 1
        while taken.contains(candidate) || InitiativesPath.reservedSlugs.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }
}
