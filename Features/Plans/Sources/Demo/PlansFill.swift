import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht plans fill`'s data: one published plan with many sections (about 300 words of Markdown
/// each, three activities each), many versions that each change a few sections, reactions
/// spread over the sections (a tenth of them replies) and supports, written with multi-row
/// inserts and with counters equal to the rows.
struct PlansFill {
    struct Numbers: Sendable {
        var sections = 50
        var versions = 20
        var reactions = 10_000
        var supporters = 200
    }

    struct Summary: Sendable {
        var slug: String
        var reactions: Int
        var supports: Int
    }

    let app: Application
    let numbers: Numbers

    func run(slug: String) async throws -> Summary {
        let db = app.db
        guard try await Plan.query(on: db).filter(\.$slug == slug).count() == 0 else { throw "A plan \(slug) is already there." }
        let now = app.clock.now()
        let sectionCount = max(1, numbers.sections), versionCount = max(1, numbers.versions)
        var random = PlansFillRandom(seed: UInt64(sectionCount * 7 + versionCount * 31 + numbers.reactions))

        // Residents who react and support; the first made the normal way, for its password hash.
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let first = try await Accounts.create(
            app: app, name: "Bench Lezer", email: "plans-\(tag)-0@example.org", password: DemoPeople.password, confirmed: true)
        var userIDs = [try first.requireID()]
        var users = BulkRows(User.schema, ["id", "name", "email", "password_hash", "email_confirmed_at", "language", "created_at"])
        for n in 1..<max(1, numbers.supporters) {
            let id = UUID()
            userIDs.append(id)
            users.add([id, "Lezer \(n)", "plans-\(tag)-\(n)@example.org", first.passwordHash, now, "nl", now])
        }
        try await users.insert(into: db)

        // The plan and its draft, as the last version has it.
        let started = now.addingTimeInterval(-Double(versionCount + 1) * 7 * 86_400)
        let plan = Plan.new(
            slug: slug, title: "Benchmarkplan", summary: "Een groot plan om de snelheid te meten.", createdBy: nil, now: started)
        plan.publishedVersion = versionCount
        plan.publishedAt = now.addingTimeInterval(-86_400)
        plan.draftChangedAt = plan.publishedAt ?? now
        try await plan.create(on: db)
        let planID = try plan.requireID()
        let sectionIDs = (0..<sectionCount).map { _ in UUID() }
        let activityIDs = sectionIDs.map { _ in (0..<3).map { _ in UUID() } }
        // Which rewrite of section n version v shows: each version after the first rewrites three sections.
        var current = Array(repeating: 0, count: sectionCount)
        var editAt: [[Int]] = []
        for version in 1...versionCount {
            if version > 1 { for k in 0..<3 { current[(version * 7 + k * 13) % sectionCount] = version } }
            editAt.append(current)
        }
        var texts: [Int: String] = [:]
        func body(_ n: Int, _ version: Int) -> String {
            let edit = editAt[version - 1][n], key = n * 1_000 + edit
            if let text = texts[key] { return text }
            let text = PlansFillText.section(n, edit: edit)
            texts[key] = text
            return text
        }

        // Supports: each activity a few supporters, counted as they are made.
        var supports = BulkRows(PlanSupport.schema, ["id", "plan_id", "activity_id", "user_id", "created_at"])
        var supportCounts: [UUID: Int] = [:]
        for (n, ids) in activityIDs.enumerated() {
            for (k, id) in ids.enumerated() {
                let count = min(userIDs.count, (n * 3 + k) % 12)
                let offset = random.int(0..<userIDs.count)
                for j in 0..<count {
                    supports.add([UUID(), planID, id, userIDs[(offset + j) % userIDs.count], now])
                }
                supportCounts[id] = count
            }
        }
        var sections = BulkRows(PlanSection.schema, ["id", "plan_id", "position", "title", "body", "created_at", "updated_at"])
        var activities = BulkRows(
            PlanActivity.schema,
            [
                "id", "plan_id", "section_id", "position", "title", "description", "organiser", "timing", "needs", "domain", "district",
                "support_count", "signup_count", "created_at", "updated_at",
            ])
        let domains = app.reference.domains.map(\.slug), districts = app.reference.districts.map(\.code)
        func domain(_ n: Int, _ k: Int) -> String? { domains.isEmpty ? nil : domains[(n + k) % domains.count] }
        func district(_ n: Int, _ k: Int) -> String? { districts.isEmpty ? nil : districts[(n * 3 + k) % districts.count] }
        for (n, id) in sectionIDs.enumerated() {
            sections.add([id, planID, n, PlansFillText.title(n), body(n, versionCount), started, now])
            for (k, activityID) in activityIDs[n].enumerated() {
                activities.add([
                    activityID, planID, id, k, PlansFillText.activity(n, k), "", "Bewoners van de buurt", "Elke maand",
                    "Een ruimte en vrijwilligers",
                    domain(n, k), district(n, k),
                    supportCounts[activityID] ?? 0, 0, started, now,
                ])
            }
        }
        try await sections.insert(into: db)
        try await activities.insert(into: db)
        try await supports.insert(into: db)

        // The versions' snapshots, each section's HTML rendered once per text.
        var html: [String: String] = [:]
        for version in 1...versionCount {
            let snapshot = PlanSnapshot(
                title: plan.title, summary: plan.summary,
                sections: sectionIDs.enumerated().map { n, id in
                    let markdown = body(n, version)
                    if html[markdown] == nil { html[markdown] = PlanMarkdown.html(markdown) }
                    return PlanSnapshot.Section(
                        id: id, title: PlansFillText.title(n), markdown: markdown, html: html[markdown] ?? "",
                        activities: activityIDs[n].enumerated().map { k, activityID in
                            PlanSnapshot.Activity(
                                id: activityID, title: PlansFillText.activity(n, k), description: "", organiser: "Bewoners van de buurt",
                                timing: "Elke maand", needs: "Een ruimte en vrijwilligers", domain: domain(n, k), district: district(n, k),
                                suggestionID: nil)
                        })
                })
            let publishedAt = started.addingTimeInterval(Double(version) * 7 * 86_400)
            try await PlanVersion(
                planID: planID, number: version, publishedAt: min(publishedAt, now), publishedBy: nil,
                note: version == 1 ? "Eerste versie." : "Drie onderdelen herschreven.", snapshot: snapshot
            ).create(on: db)
        }

        // Reactions: nine in ten on a section (some on an activity), one in ten a reply.
        let columns = [
            "id", "plan_id", "section_id", "activity_id", "parent_id", "version_number", "user_id", "as_movement", "body", "status",
            "report_count", "created_at", "updated_at",
        ]
        var topLevel = BulkRows(PlanReaction.schema, columns)
        var replies = BulkRows(PlanReaction.schema, columns)
        var threads: [[UUID]] = Array(repeating: [], count: sectionCount)
        for r in 0..<max(0, numbers.reactions) {
            let n = random.int(0..<sectionCount)
            let created = started.addingTimeInterval(Double(r) * 60)
            let version = min(versionCount, 1 + r * versionCount / max(1, numbers.reactions))
            let user = userIDs[random.int(0..<userIDs.count)]
            if r % 10 == 9, let parent = threads[n].last {
                replies.add([
                    UUID(), planID, sectionIDs[n], nil as UUID?, parent, version, user, false, PlansFillText.reaction(r), "visible", 0,
                    created, created,
                ])
            } else {
                let id = UUID()
                threads[n].append(id)
                let activity: UUID? = r % 4 == 0 ? activityIDs[n][r % 3] : nil
                topLevel.add([
                    id, planID, sectionIDs[n], activity, nil as UUID?, version, user, false, PlansFillText.reaction(r), "visible", 0,
                    created, created,
                ])
            }
        }
        try await topLevel.insert(into: db)
        try await replies.insert(into: db)

        plan.reactionCount = topLevel.count + replies.count
        plan.supportCount = supports.count
        try await plan.save(on: db)
        return Summary(slug: slug, reactions: plan.reactionCount, supports: supports.count)
    }
}

/// A small seeded generator, so a fill is the same every time.
struct PlansFillRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
}
