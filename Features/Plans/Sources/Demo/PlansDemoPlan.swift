import Fluent
import Foundation
import KrachtCore

/// A demo plan as it grew: its sections and activities with the version they first appeared in,
/// and each section's text per version, so every `PlanVersion` snapshot can be built from it.
struct DemoPlan {
    var slug: String
    var title: String
    var summary: String
    var versions: [(date: Date, note: String)]
    var sections: [DemoSection]
}

struct DemoSection {
    var key: String
    var title: String
    /// The text from a version on: `[1: "…", 3: "…"]` is version 1's text until version 3 changed it.
    var bodies: [Int: String]
    var activities: [DemoActivity] = []
    var since = 1

    func body(at version: Int) -> String {
        bodies.filter { $0.key <= version }.max { $0.key < $1.key }?.value ?? ""
    }
}

struct DemoActivity {
    var key: String
    var title: String
    var description = ""
    var organiser: String
    var timing: String
    var needs: String
    var domain: String?
    /// A district's slug, written as its code.
    var district: String?
    var since = 1
}

/// The ids a written demo plan got, by key, for its participation.
struct WrittenDemoPlan {
    var plan: Plan
    var sections: [String: UUID]
    var activities: [String: UUID]

    var id: UUID { plan.id! }
    func section(_ key: String) -> UUID { sections[key]! }
    func activity(_ key: String) -> UUID { activities[key]! }
}

extension DemoPlan {
    /// The plan, its draft (as the last version has it) and every version's snapshot.
    /// Districts are written as their codes (`app.reference`), as the editor stores them.
    func write(publishedBy: UUID?, reference: ReferenceData, on db: any Database) async throws -> WrittenDemoPlan {
        func code(_ slug: String?) -> String? { slug.flatMap { reference.district(slug: $0)?.code } }
        let last = versions.count
        let lastDate = versions.last?.date ?? Date()
        let firstDate = versions.first?.date ?? lastDate
        let plan = Plan.new(slug: slug, title: title, summary: summary, createdBy: publishedBy, now: firstDate)
        plan.publishedVersion = last
        plan.publishedAt = lastDate
        plan.draftChangedAt = lastDate
        plan.updatedAt = lastDate
        try await plan.create(on: db)
        let planID = try plan.requireID()
        var sectionIDs: [String: UUID] = [:]
        var activityIDs: [String: UUID] = [:]
        for (position, section) in sections.enumerated() {
            let row = PlanSection(planID: planID, position: position, title: section.title, body: section.body(at: last), now: firstDate)
            row.updatedAt = lastDate
            try await row.create(on: db)
            sectionIDs[section.key] = try row.requireID()
            for (index, activity) in section.activities.enumerated() {
                let item = PlanActivity(
                    planID: planID, sectionID: try row.requireID(), position: index, title: activity.title, now: firstDate)
                item.description = activity.description
                item.organiser = activity.organiser
                item.timing = activity.timing
                item.needs = activity.needs
                item.domain = activity.domain
                item.district = code(activity.district)
                try await item.create(on: db)
                activityIDs[activity.key] = try item.requireID()
            }
        }
        for (index, version) in versions.enumerated() {
            let number = index + 1
            let snapshot = PlanSnapshot(
                title: title, summary: summary,
                sections: sections.filter { $0.since <= number }.map { section in
                    let markdown = section.body(at: number)
                    return PlanSnapshot.Section(
                        id: sectionIDs[section.key]!, title: section.title, markdown: markdown, html: PlanMarkdown.html(markdown),
                        activities: section.activities.filter { $0.since <= number }.map { activity in
                            PlanSnapshot.Activity(
                                id: activityIDs[activity.key]!, title: activity.title, description: activity.description,
                                organiser: activity.organiser, timing: activity.timing, needs: activity.needs, domain: activity.domain,
                                district: code(activity.district), suggestionID: nil)
                        })
                })
            try await PlanVersion(
                planID: planID, number: number, publishedAt: version.date, publishedBy: publishedBy, note: version.note, snapshot: snapshot
            ).create(on: db)
        }
        return WrittenDemoPlan(plan: plan, sections: sectionIDs, activities: activityIDs)
    }

    /// Noon in Amsterdam on a calendar day.
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        AmsterdamTime.calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) ?? Date()
    }
}
