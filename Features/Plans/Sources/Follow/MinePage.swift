import Fluent
import Foundation
import KrachtCore
import Vapor

/// My plans page: what I wrote, supported, signed up for, proposed and follow, newest first
/// (at most `cap` of each), each with its plan and a link, and the digest switch.
struct MinePage: Encodable {
    struct Row: Encodable {
        var title: String
        var plan: String
        var link: String
        var status: String
        var date: String
    }

    static let cap = 100

    var reactions: [Row]
    var supports: [Row]
    var signups: [Row]
    var suggestions: [Row]
    var follows: [Row]
    var digestOn: Bool
    var digestAction: String
    var csrf: String

    static func load(_ req: Request) async throws -> MinePage {
        let me = try req.requireUser().requireID()
        let db = req.db
        let reactions = try await PlanReaction.query(on: db).filter(\.$userID == me).sort(\.$createdAt, .descending).limit(cap).all()
        let supports = try await PlanSupport.query(on: db).filter(\.$userID == me).sort(\.$createdAt, .descending).limit(cap).all()
        let signups = try await PlanSignup.query(on: db).filter(\.$userID == me).sort(\.$createdAt, .descending).limit(cap).all()
        let suggestions = try await PlanSuggestion.query(on: db).filter(\.$userID == me).sort(\.$createdAt, .descending).limit(cap).all()
        let follows = try await PlanFollow.query(on: db).filter(\.$userID == me).sort(\.$createdAt, .descending).limit(cap).all()
        let planIDs = Set(reactions.map(\.planID) + supports.map(\.planID) + signups.map(\.planID) + suggestions.map(\.planID))
            .union(follows.map(\.planID))
        let plans = Dictionary(
            try await Plan.query(on: db).filter(\.$id ~~ planIDs).all().compactMap { p in p.id.map { ($0, p) } },
            uniquingKeysWith: { a, _ in a })
        let activityIDs = Set(supports.map(\.activityID) + signups.map(\.activityID))
        let activities = Dictionary(
            try await PlanActivity.query(on: db).filter(\.$id ~~ activityIDs).all().compactMap { a in a.id.map { ($0, a.title) } },
            uniquingKeysWith: { a, _ in a })
        let date = { (at: Date) in AmsterdamTime.format(at, "d MMMM yyyy", in: req.language) }
        func slug(_ id: UUID) -> Parameter<String> { .value(plans[id]?.slug ?? "") }

        return MinePage(
            reactions: reactions.compactMap { r in
                guard let plan = plans[r.planID], let id = r.id else { return nil }
                let page: any SitePath =
                    r.activityID.map { PlansPath.activity(slug(r.planID), activity: .value($0)) }
                    ?? PlansPath.section(slug(r.planID), section: .value(r.sectionID))
                return Row(
                    title: PlanDigestItems.excerpt(r.body), plan: plan.title, link: page.path + "#reactie-\(id.uuidString)",
                    status: req.t(reactionStatusKey(r.status)), date: date(r.createdAt))
            },
            supports: supports.compactMap { s in
                guard let plan = plans[s.planID] else { return nil }
                return Row(
                    title: activities[s.activityID] ?? "", plan: plan.title,
                    link: PlansPath.activity(slug(s.planID), activity: .value(s.activityID)).path, status: "", date: date(s.createdAt))
            },
            signups: signups.compactMap { s in
                guard let plan = plans[s.planID] else { return nil }
                return Row(
                    title: activities[s.activityID] ?? "", plan: plan.title,
                    link: PlansPath.activity(slug(s.planID), activity: .value(s.activityID)).path,
                    status: req.t(s.role == .organise ? "plans.mine.role.organise" : "plans.mine.role.help"), date: date(s.createdAt))
            },
            suggestions: suggestions.compactMap { s in
                guard let plan = plans[s.planID], let id = s.id else { return nil }
                return Row(
                    title: s.title, plan: plan.title, link: PlansPath.suggestion(slug(s.planID), id: .value(id)).path,
                    status: req.t(suggestionStatusKey(s.status)), date: date(s.createdAt))
            },
            follows: follows.compactMap { f in
                guard let plan = plans[f.planID] else { return nil }
                return Row(
                    title: plan.title, plan: plan.title, link: PlansPath.plan(slug(f.planID)).path, status: "", date: date(f.createdAt))
            },
            digestOn: try await PlanDigestOptOut.query(on: db).filter(\.$userID == me).first() == nil,
            digestAction: PlansPath.digestSwitch.path, csrf: req.csrfToken)
    }

    static func reactionStatusKey(_ status: PlanReaction.Status) -> String {
        switch status {
        case .visible: "plans.mine.status.visible"
        case .held: "plans.mine.status.held"
        case .removed: "plans.mine.status.removed"
        case .withdrawn: "plans.mine.status.withdrawn"
        }
    }

    static func suggestionStatusKey(_ status: PlanSuggestion.Status) -> String {
        switch status {
        case .open: "plans.mine.suggestion.open"
        case .accepted: "plans.mine.suggestion.accepted"
        case .merged: "plans.mine.suggestion.merged"
        case .declined: "plans.mine.suggestion.declined"
        }
    }
}
