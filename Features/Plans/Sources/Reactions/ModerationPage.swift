import Fluent
import Foundation
import KrachtCore
import Vapor

/// What a moderator decides on: held reactions and reported ones still shown, oldest first, each
/// with its reports since the last decision (reasons and dates; never who reported; visitors'
/// reports marked, as they hide nothing); and the log of the last decisions.
struct ModerationPage: Encodable {
    struct Report: Encodable {
        var reason, when: String
        /// By a visitor without an account: shown, but it does not count towards hiding.
        var anonymous: Bool
    }
    struct Case: Encodable {
        var id, anchor, author, body, when, planTitle, placePath, decidePath: String
        var held: Bool
        var reportCount: Int
        var reports: [Report]
    }
    struct LogEntry: Encodable { var when, moderator, decision, reason, placePath, planTitle: String }

    static let caseLimit = 100
    static let logLimit = 100

    var cases: [Case]
    var log: [LogEntry]
    var reasonMax: Int
    var threshold = PlanReaction.reportThreshold
    var caseCount = 0
    var errors = FormErrors()
    /// The case the errors are about.
    var errorCase: String?

    static func load(req: Request) async throws -> ModerationPage {
        let db = req.db
        var reactions = try await PlanReaction.query(on: db).group(.or) { or in
            or.filter(\.$status == .held)
            or.group(.and) { $0.filter(\.$status == .visible).filter(\.$reportCount > 0) }
        }.sort(\.$updatedAt).limit(caseLimit).all()
        // Visitors' reports hide nothing (reportCount leaves them out) but are shown: their reactions too.
        let anonymous = try await PlanReactionReport.query(on: db).filter(\.$reporterKey =~ "a:").sort(\.$createdAt, .descending)
            .limit(caseLimit * 5).all()
        let extra = Set(anonymous.map(\.reactionID)).subtracting(reactions.compactMap(\.id))
        if !extra.isEmpty {
            reactions += try await PlanReaction.query(on: db).filter(\.$id ~~ Array(extra)).filter(\.$status == .visible).all()
        }
        // Only reports made after the reaction's last decision are open: a kept reaction starts afresh.
        let candidates = reactions.compactMap(\.id)
        let earlier = candidates.isEmpty ? [] : try await PlanModerationDecision.query(on: db).filter(\.$reactionID ~~ candidates).all()
        let lastDecided = Dictionary(earlier.map { ($0.reactionID, $0.createdAt) }, uniquingKeysWith: { max($0, $1) })
        let reports =
            candidates.isEmpty
            ? []
            : try await PlanReactionReport.query(on: db).filter(\.$reactionID ~~ candidates)
                .sort(\.$createdAt).all().filter { report in lastDecided[report.reactionID].map { report.createdAt > $0 } ?? true }
        let reported = Set(reports.map(\.reactionID))
        reactions = Array(
            reactions.filter { $0.status == .held || reported.contains($0.id!) }
                .sorted { ($0.updatedAt, $0.id!.uuidString) < ($1.updatedAt, $1.id!.uuidString) }.prefix(caseLimit))
        let decisions = try await PlanModerationDecision.query(on: db).sort(\.$createdAt, .descending).sort(\.$id).limit(logLimit).all()
        let decided = decisions.isEmpty ? [] : try await PlanReaction.query(on: db).filter(\.$id ~~ decisions.map(\.reactionID)).all()
        let reactionByID = Dictionary((reactions + decided).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let planIDs = Set(reactionByID.values.map(\.planID))
        let plans =
            planIDs.isEmpty
            ? [:]
            : Dictionary(
                try await Plan.query(on: db).filter(\.$id ~~ Array(planIDs)).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let userIDs = Set(reactions.compactMap(\.userID) + decisions.compactMap(\.moderatorID))
        let names =
            userIDs.isEmpty
            ? [:]
            : Dictionary(
                try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).all().map { ($0.id!, $0.name) },
                uniquingKeysWith: { a, _ in a })
        let deleted = req.t("plans.reactions.deleted_account")
        let when = { (date: Date) in AmsterdamTime.format(date, "d MMMM yyyy, HH:mm", in: req.language) }
        let place = { (reaction: PlanReaction) -> (String, String) in
            guard let plan = plans[reaction.planID] else { return ("", "") }
            let path = ReactionPlace.path(plan: plan, sectionID: reaction.sectionID, activityID: reaction.activityID)
            return (plan.title, path + "#reactie-\(reaction.id!.uuidString)")
        }
        let reportsByReaction = Dictionary(grouping: reports, by: \.reactionID)
        var page = ModerationPage(
            cases: reactions.map { reaction in
                let (title, path) = place(reaction)
                return Case(
                    id: reaction.id!.uuidString, anchor: "besluit-\(reaction.id!.uuidString)",
                    author: reaction.userID.map { names[$0] ?? deleted } ?? deleted, body: reaction.body, when: when(reaction.createdAt),
                    planTitle: title, placePath: path, decidePath: PlansPath.decideReaction(.value(reaction.id!)).path,
                    held: reaction.status == .held, reportCount: reportsByReaction[reaction.id!]?.count ?? 0,
                    reports: (reportsByReaction[reaction.id!] ?? []).map { report in
                        Report(
                            reason: reasonText(report.reason, req), when: when(report.createdAt),
                            anonymous: report.reporterKey.hasPrefix("a:"))
                    })
            },
            log: decisions.map { decision in
                let (title, path) = reactionByID[decision.reactionID].map(place) ?? ("", "")
                return LogEntry(
                    when: when(decision.createdAt), moderator: decision.moderatorID.map { names[$0] ?? deleted } ?? deleted,
                    decision: req.t("plans.moderation.decision.\(decision.decision.rawValue)"), reason: decision.reason,
                    placePath: path, planTitle: title)
            },
            reasonMax: ReactionLimits.decisionReasonMax)
        page.caseCount = page.cases.count
        return page
    }

    /// A report's stored reason ("spam" or "spam: the note") in the reader's words.
    static func reasonText(_ stored: String, _ req: Request) -> String {
        let parts = stored.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let code = parts.first, ReactionLimits.reportReasons.contains(code) else { return stored }
        let label = req.t("plans.reactions.report.reason.\(code)")
        return parts.count > 1 ? "\(label): \(parts[1])" : label
    }
}
