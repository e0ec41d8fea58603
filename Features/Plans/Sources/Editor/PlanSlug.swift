import Fluent
import Foundation
import KrachtCore

/// A plan's address, made once from its first title and never changed (links to it must last):
/// lowercase ASCII with hyphens, never a word the routes beside `/plannen/:slug` use, unique.
enum PlanSlug {
    static let maxLength = 60

    static func base(_ title: String) -> String {
        let folded =
            title.applyingTransform(.toLatin, reverse: false)?.folding(
                options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            ?? title
        var slug = ""
        for scalar in folded.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = String(slug.prefix(maxLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "plan" : slug
    }

    /// `base`, or `base-2`, `base-3`… for the first one free.
    static func unique(for title: String, on db: any Database) async throws -> String {
        let base = base(title)
        let taken = Set(try await Plan.query(on: db).filter(\.$slug =~ base).all(\.$slug))
        var candidate = base
        var n = 1
        while taken.contains(candidate) || PlansPath.reservedSlugs.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }
}
