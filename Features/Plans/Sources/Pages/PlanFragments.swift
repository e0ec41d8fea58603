import Foundation
import KrachtCore
import NIOConcurrencyHelpers
import Vapor

/// What a published version shows every reader alike — each section's heading and text, each
/// activity's card — rendered once per version and language and kept. A version never changes
/// (names, which erasure may change, are not in it), so the plan page only fills in the counts
/// and the reader's own buttons: on a 50-section plan that is half the template's work.
final class PlanFragments: Sendable {
    struct Rendered: Sendable {
        var snapshot: PlanSnapshot
        /// `plans/_section-head.leaf` per section id.
        var sections: [UUID: String]
        /// `plans/_activity-card.leaf` per activity id.
        var activities: [UUID: String]
    }

    private struct Key: Hashable {
        let versionID: UUID
        let language: Language
    }

    /// A few plans in two or three languages; the oldest entry goes when it is full.
    static let capacity = 24
    private let entries = NIOLockedValueBox<[(key: Key, value: Rendered)]>([])

    /// `snapshot` reads the version's snapshot, only when this version and language are not kept yet.
    func rendered(
        _ versionID: UUID, slug: String, req: Request, snapshot: () async throws -> PlanSnapshot
    ) async throws -> Rendered {
        let key = Key(versionID: versionID, language: req.language)
        if let hit = entries.withLockedValue({ $0.first { $0.key == key }?.value }) { return hit }
        let fresh = try await render(try await snapshot(), slug: slug, req: req)
        entries.withLockedValue { entries in
            guard !entries.contains(where: { $0.key == key }) else { return }
            if entries.count >= Self.capacity { entries.removeFirst() }
            entries.append((key, fresh))
        }
        return fresh
    }

    private func render(_ snapshot: PlanSnapshot, slug: String, req: Request) async throws -> Rendered {
        let names = PlanNames.reference(req.application.reference, in: req.language)
        var rendered = Rendered(snapshot: snapshot, sections: [:], activities: [:])
        for section in snapshot.sections {
            rendered.sections[section.id] = try await html("plans/_section-head", SectionHead(section: section), req)
            for activity in section.activities {
                rendered.activities[activity.id] = try await html(
                    "plans/_activity-card", ActivityCard(activity, slug: slug, names: names), req)
            }
        }
        return rendered
    }

    private func html(_ view: String, _ context: some Encodable, _ req: Request) async throws -> String {
        String(buffer: try await req.view.render(view, context).data)
    }

    struct SectionHead: Encodable {
        var anchor, title, html: String

        init(section: PlanSnapshot.Section) {
            anchor = PlanPage.anchor(section.id)
            title = section.title
            html = section.html
        }
    }

    struct ActivityCard: Encodable {
        var title, path: String
        /// nil when empty: Leaf counts an empty string as true.
        var organiser, timing, needs, domain, district: String?

        init(_ activity: PlanSnapshot.Activity, slug: String, names: PlanNames) {
            title = activity.title
            path = PlansPath.activity(.value(slug), activity: .value(activity.id)).path
            organiser = PlanPage.text(activity.organiser)
            timing = PlanPage.text(activity.timing)
            needs = PlanPage.text(activity.needs)
            domain = activity.domain.map(names.domain)
            district = activity.district.map(names.district)
        }
    }
}

extension Application {
    /// Made while the routes are registered (one thread), so requests only read it.
    var planFragments: PlanFragments {
        if let fragments = storage[PlanFragmentsKey.self] { return fragments }
        preconditionFailure("PlansFeature.routes makes the plan fragments' cache")
    }

    func makePlanFragments() { storage[PlanFragmentsKey.self] = PlanFragments() }

    private struct PlanFragmentsKey: StorageKey { typealias Value = PlanFragments }
}
