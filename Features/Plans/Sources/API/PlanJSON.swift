import Fluent
import Foundation
import KrachtCore
import Vapor

/// Published plans as open data (`PlansAPI` describes each field). Nothing personal: no
/// reactors, supporters, proposers or publishers, no account ids; "organiser" is the plan's own
/// words ("de coördinatiegroep"). Times in UTC, ISO 8601.
enum PlanJSON {
    struct Counts: Content {
        var reactions, supports, signups, accepted_suggestions, followers: Int

        init(_ plan: Plan) {
            reactions = plan.reactionCount
            supports = plan.supportCount
            signups = plan.signupCount
            accepted_suggestions = plan.acceptedSuggestions
            followers = plan.followerCount
        }
    }

    struct Summary: Content {
        var slug, title, summary: String
        var version: Int
        var published_at: String
        var counts: Counts
        var url, api_url: String
    }

    struct List: Content {
        var total: Int
        var plans: [Summary]
    }

    struct Version: Content {
        var number: Int
        var published_at, note, url, api_url: String
    }

    struct Activity: Content {
        var id, title, description, organiser, timing, needs: String
        var domain, district: String?
        var support_count, signup_count: Int
        var url: String

        enum Keys: String, CodingKey {
            case id, title, description, organiser, timing, needs, domain, district, support_count, signup_count, url
        }
        // Every key always there, absent values as null (the OpenAPI schema requires them).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(description, forKey: .description)
            try c.encode(organiser, forKey: .organiser)
            try c.encode(timing, forKey: .timing)
            try c.encode(needs, forKey: .needs)
            try c.encode(domain, forKey: .domain)
            try c.encode(district, forKey: .district)
            try c.encode(support_count, forKey: .support_count)
            try c.encode(signup_count, forKey: .signup_count)
            try c.encode(url, forKey: .url)
        }
    }

    struct Section: Content {
        var id, title, markdown, html, url: String
        var activities: [Activity]
    }

    /// One version of a plan, whole, with the plan's list of versions.
    struct Document: Content {
        var slug, title, summary: String
        var version, latest_version: Int
        var published_at, note: String
        var counts: Counts
        var url: String
        var sections: [Section]
        var versions: [Version]
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func summary(_ plan: Plan, app: Application) -> Summary {
        let slug = Parameter<String>.value(plan.slug)
        return Summary(
            slug: plan.slug, title: plan.title, summary: plan.summary, version: plan.publishedVersion,
            published_at: iso(plan.publishedAt ?? plan.updatedAt), counts: Counts(plan), url: PlansPath.plan(slug).url(on: app),
            api_url: PlansPath.apiPlan(slug).url(on: app))
    }

    /// `version` of `plan` as published; the activities' counts as they are now.
    static func document(_ plan: Plan, version: PlanVersion, app: Application, on db: any Database) async throws -> Document {
        let snapshot = try version.snapshot()
        let slug = Parameter<String>.value(plan.slug)
        let ids = snapshot.sections.flatMap { $0.activities.map(\.id) }
        let counts =
            ids.isEmpty
            ? [:]
            : Dictionary(
                try await PlanActivity.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, ($0.supportCount, $0.signupCount)) },
                uniquingKeysWith: { first, _ in first })
        // The list of versions without their snapshots (a plan may have many, each the whole document).
        let versions = try await PlanVersion.query(on: db).filter(\.$planID == plan.requireID())
            .field(\.$id).field(\.$number).field(\.$publishedAt).field(\.$note).sort(\.$number).all()
        return Document(
            slug: plan.slug, title: snapshot.title, summary: snapshot.summary, version: version.number,
            latest_version: plan.publishedVersion, published_at: iso(version.publishedAt), note: version.note, counts: Counts(plan),
            url: PlansPath.version(slug, number: .value(version.number)).url(on: app),
            sections: snapshot.sections.map { section in
                Section(
                    id: section.id.uuidString.lowercased(), title: section.title, markdown: section.markdown, html: section.html,
                    url: PlansPath.section(slug, section: .value(section.id)).url(on: app),
                    activities: section.activities.map { a in
                        Activity(
                            id: a.id.uuidString.lowercased(), title: a.title, description: a.description, organiser: a.organiser,
                            timing: a.timing, needs: a.needs, domain: a.domain, district: a.district,
                            support_count: counts[a.id]?.0 ?? 0, signup_count: counts[a.id]?.1 ?? 0,
                            url: PlansPath.activity(slug, activity: .value(a.id)).url(on: app))
                    })
            },
            versions: versions.map { v in
                Version(
                    number: v.number, published_at: iso(v.publishedAt), note: v.note,
                    url: PlansPath.version(slug, number: .value(v.number)).url(on: app),
                    api_url: PlansPath.apiVersion(slug, number: .value(v.number)).url(on: app))
            })
    }
}
