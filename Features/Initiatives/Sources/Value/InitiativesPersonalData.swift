import Fluent
import Foundation
import KrachtCore
import Vapor

/// What initiatives hold on a person, and erasing it. What counts (an accepted participation,
/// confirmed hours, the plan's "people connected") keeps counting without the person in it.
enum InitiativesPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let userID = try user.requireID()
        let organising = try await InitiativeOrganiser.query(on: db).filter(\.$userID == userID).all()
        let memberships = try await InitiativeMember.query(on: db).filter(\.$userID == userID).all()
        let participations = try await Participation.query(on: db).filter(\.$userID == userID).all()
        let follows = try await InitiativeFollow.query(on: db).filter(\.$userID == userID).all()
        let appreciations = try await Appreciation.query(on: db).filter(\.$userID == userID).all()
        let reports = try await AppreciationReport.query(on: db).filter(\.$userID == userID).all()
        let hours = try await VolunteerHours.query(on: db).filter(\.$userID == userID).all()
        let connection = try await Connection.query(on: db).filter(\.$userID == userID).first()

        let initiativeIDs = Set(
            organising.map(\.initiativeID) + memberships.map(\.initiativeID) + follows.map(\.initiativeID)
                + appreciations.map(\.initiativeID))
        let names = try await names(of: Array(initiativeIDs), on: db)
        let actionIDs = Array(Set(participations.map(\.actionID) + hours.map(\.actionID)))
        let titles =
            actionIDs.isEmpty
            ? [:]
            : Dictionary(
                try await InitiativeAction.query(on: db).filter(\.$id ~~ actionIDs).all().map { ($0.id!, $0.title) },
                uniquingKeysWith: { a, _ in a })
        let initiative = { (id: UUID) -> JSONValue in names[id].map(JSONValue.string) ?? .null }
        let action = { (id: UUID) -> JSONValue in titles[id].map(JSONValue.string) ?? .null }

        guard
            !(organising.isEmpty && memberships.isEmpty && participations.isEmpty && follows.isEmpty && appreciations.isEmpty
                && reports.isEmpty && hours.isEmpty && connection == nil)
        else { return nil }
        return [
            "organiser_of": .array(
                organising.map {
                    ["initiative": initiative($0.initiativeID), "initiator": .bool($0.isInitiator), "since": time($0.addedAt)]
                }),
            "member_of": .array(
                memberships.map {
                    ["initiative": initiative($0.initiativeID), "via": .string($0.source.rawValue), "since": time($0.joinedAt)]
                }),
            "participations": .array(
                participations.map {
                    [
                        "action": action($0.actionID), "state": .string($0.state.rawValue), "message": optional($0.message),
                        "asked_at": time($0.createdAt), "decided_at": time($0.decidedAt),
                    ]
                }),
            "follows": .array(follows.map { ["initiative": initiative($0.initiativeID), "since": time($0.createdAt)] }),
            "appreciations": .array(
                appreciations.map {
                    [
                        "initiative": initiative($0.initiativeID), "rating": .int(Int64($0.rating)), "text": .string($0.text),
                        "state": .string($0.state.rawValue), "written_at": time($0.createdAt),
                    ]
                }),
            "reports": .array(reports.map { ["appreciation": .string($0.appreciationID.uuidString), "reported_at": time($0.createdAt)] }),
            "volunteer_hours": .array(
                hours.map {
                    [
                        "action": action($0.actionID), "minutes": .int(Int64($0.minutes)), "people_reached": .int(Int64($0.peopleReached)),
                        "worked_on": .string($0.workedOn), "state": .string($0.state.rawValue), "logged_at": time($0.createdAt),
                    ]
                }),
            "connected_at": connection.map { time($0.connectedAt) } ?? .null,
        ]
    }

    /// Inside the account's deletion transaction. Memberships go, and with them the initiative's
    /// count of people connected (verify recounts members); the plan's total keeps the person,
    /// nameless. An initiative left without organisers stays: coordinators still see it.
    static func erase(of user: User, on db: any Database) async throws {
        let userID = try user.requireID()
        for membership in try await InitiativeMember.query(on: db).filter(\.$userID == userID).all() {
            if let initiative = try await Initiative.find(membership.initiativeID, on: db), initiative.isPublic {
                try await db.sql.raw(
                    "UPDATE initiatives SET people_connected = people_connected - 1 WHERE id = \(bind: membership.initiativeID)"
                ).run()
            }
            try await membership.delete(on: db)
        }
        try await InitiativeFollow.query(on: db).filter(\.$userID == userID).delete()
        try await Appreciation.query(on: db).filter(\.$userID == userID).delete()
        try await AppreciationReport.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
        try await InitiativeOrganiser.query(on: db).filter(\.$userID == userID).delete()
        try await withdrawParticipations(of: userID, at: Date(), on: db)
        try await Participation.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).set(\.$message, to: nil).update()
        try await Participation.query(on: db).filter(\.$decidedBy == userID).set(\.$decidedBy, to: nil).update()
        try await VolunteerHours.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
        try await VolunteerHours.query(on: db).filter(\.$loggedBy == userID).set(\.$loggedBy, to: nil).update()
        try await VolunteerHours.query(on: db).filter(\.$decidedBy == userID).set(\.$decidedBy, to: nil).update()
        try await Connection.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
    }

    /// A person who no longer exists cannot be accepted, nor hold a place: open asks are
    /// withdrawn, and so are accepted places on open actions still to come (a task not yet
    /// started, a weekly shift or a role). A task already done keeps its accepted participation.
    private static func withdrawParticipations(of userID: UUID, at now: Date, on db: any Database) async throws {
        let actionIDs = try await Participation.query(on: db).filter(\.$userID == userID)
            .filter(\.$state ~~ [.requested, .accepted]).all().map(\.actionID).sorted { $0.uuidString < $1.uuidString }
        var freed = false
        for actionID in actionIDs {
            // Under the action's lock, re-read: an organiser may be deciding this ask right now.
            guard let action = try await InitiativeAction.locked(actionID, on: db),
                let participation = try await Participation.query(on: db).filter(\.$actionID == actionID)
                    .filter(\.$userID == userID).first()
            else { continue }
            switch participation.state {
            case .requested: break
            case .accepted:
                guard action.status == .open, action.kind != .task || (action.startsAt.map { $0 > now } ?? true) else { continue }
                action.acceptedCount = max(0, action.acceptedCount - 1)
                action.updatedAt = now
                try await action.save(on: db)
                freed = true
            case .declined, .withdrawn: continue
            }
            participation.state = .withdrawn
            try await participation.save(on: db)
        }
        if freed { try await InitiativeTotals.actionsChanged(on: db) }
    }

    private static func names(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(
            try await Initiative.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    private static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func time(_ date: Date?) -> JSONValue { date.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null }
}
