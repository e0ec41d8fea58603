import Fluent
import Foundation
import KrachtCore
import Vapor

/// What the demo's residents did with the initiatives: joins in every state (accepted ones
/// connected through `Connections`, as the organiser's accept does), hours confirmed and
/// pending, follows and appreciations — all dated in the past.
enum InitiativesDemoActivity {
    static func seed(
        actions: [(action: InitiativeAction, initiative: Initiative)], initiatives: [Initiative], people: DemoPeople, app: Application
    ) async throws {
        let residents = people.residents
        guard residents.count > 2 else { return }
        let now = app.clock.now()
        let states: [Participation.State] = [.accepted, .requested, .accepted, .declined, .withdrawn, .accepted, .requested]
        var joined = 0
        // Fatima (the first resident) stays free for her matches on /voor-jou.
        for (n, pair) in actions.enumerated() where !pair.action.online && joined < 24 {
            let user = residents[1 + n % (residents.count - 1)]
            let userID = try user.requireID(), actionID = try pair.action.requireID()
            let organisers = try await InitiativeOrganiser.query(on: app.db).filter(\.$initiativeID == pair.action.initiativeID).all()
            guard !organisers.contains(where: { $0.userID == userID }) else { continue }
            let state = states[joined % states.count]
            joined += 1
            let asked = pair.action.createdAt.addingTimeInterval(600)
            let participation = Participation()
            participation.actionID = actionID
            participation.initiativeID = pair.action.initiativeID
            participation.userID = userID
            participation.state = state
            participation.message = state == .requested ? "Ik kan vanaf volgende week, als dat past." : nil
            participation.createdAt = asked
            if state == .accepted || state == .declined {
                participation.decidedAt = asked.addingTimeInterval(600)
                participation.decidedBy = organisers.first?.userID
            }
            try await participation.create(on: app.db)
            guard state == .accepted else { continue }
            try await app.db.transaction { db in
                _ = try await Connections.connect(userID, to: pair.initiative, via: .action, at: asked.addingTimeInterval(600), on: db)
            }
            // Hours on the older actions: confirmed by an organiser, and one the volunteer logged, waiting.
            let age = now.timeIntervalSince(pair.action.createdAt)
            guard age > 9 * 86_400 else { continue }
            let worked = pair.action.createdAt.addingTimeInterval(7 * 86_400)
            // A weekly shift has been done every week since; a task or role once. So the ranking differs.
            let weeks = pair.action.kind == .shift ? max(1, min(6, Int(age / (7 * 86_400)) - 1)) : 1
            for week in 0..<weeks {
                try await hours(
                    pair.action, user: userID, minutes: pair.action.minutesNeeded, reached: week == 0 ? 4 + (n * 7) % 30 : 0,
                    state: .confirmed, on: worked.addingTimeInterval(Double(week) * 7 * 86_400), by: organisers.first?.userID, app: app)
            }
            if joined % 2 == 1 {
                try await hours(
                    pair.action, user: userID, minutes: 120, reached: 0, state: .pending, on: worked.addingTimeInterval(86_400), by: userID,
                    app: app)
            }
            let appreciation = Appreciation()
            appreciation.initiativeID = pair.action.initiativeID
            appreciation.userID = userID
            appreciation.rating = 4 + n % 2
            appreciation.text =
                ["Fijne sfeer en goed uitgelegd. Ik kom zeker terug.", "Leuk om buren te leren kennen, en het is echt nodig."][n % 2]
            appreciation.state = .visible
            appreciation.reportCount = 0
            appreciation.kept = false
            appreciation.createdAt = worked.addingTimeInterval(3 * 3_600)
            if try await Appreciation.query(on: app.db).filter(\.$initiativeID == appreciation.initiativeID).filter(\.$userID == userID)
                .first() == nil
            {
                try await appreciation.create(on: app.db)
            }
        }
        // Each resident follows two public initiatives.
        let open = initiatives.filter { $0.status == .approved }
        for (n, user) in residents.enumerated() where !open.isEmpty {
            for pick in Set([n * 3 % open.count, (n * 7 + 1) % open.count]) {
                let follow = InitiativeFollow()
                follow.initiativeID = try open[pick].requireID()
                follow.userID = try user.requireID()
                follow.createdAt = now.addingTimeInterval(-Double(20 + n) * 86_400)
                try await follow.create(on: app.db)
            }
        }
    }

    private static func hours(
        _ action: InitiativeAction, user: UUID, minutes: Int, reached: Int, state: VolunteerHours.State, on day: Date, by logger: UUID?,
        app: Application
    ) async throws {
        let now = app.clock.now()
        let row = VolunteerHours()
        row.initiativeID = action.initiativeID
        row.actionID = try action.requireID()
        row.userID = user
        row.minutes = minutes
        row.peopleReached = reached
        row.workedOn = AmsterdamTime.day(min(day, now.addingTimeInterval(-86_400)))
        row.state = state
        row.loggedBy = logger
        row.createdAt = min(day.addingTimeInterval(3_600), now.addingTimeInterval(-3_600))
        if state == .confirmed {
            row.decidedBy = logger
            row.decidedAt = row.createdAt
        }
        try await row.create(on: app.db)
    }
}
