import Fluent
import Foundation
import KrachtCore
import Vapor

/// The lines of one digest, in the reader's language: new versions, decided suggestions and
/// answers to their reactions, each with a headline, a short text and a link. A subject that no
/// longer exists, or a reaction no longer visible, is left out.
struct PlanDigestItem: Sendable, Equatable {
    var head: String
    var text: String
    var link: String
}

enum PlanDigestItems {
    /// The first characters of an answer shown in the mail.
    static let excerptLength = 200

    static func load(
        _ notifications: [PlanNotification], language: Language, app: Application, on db: any Database
    ) async throws -> [PlanDigestItem] {
        func ids(_ kind: PlanNotification.Kind) -> [UUID] { notifications.filter { $0.kind == kind }.map(\.subjectID) }
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        let plans = try await byID(Plan.query(on: db).filter(\.$id ~~ Set(notifications.map(\.planID))).all())
        var items: [PlanDigestItem] = []

        for version in try await PlanVersion.query(on: db).filter(\.$id ~~ ids(.versionPublished)).sort(\.$number).all() {
            guard let plan = plans[version.planID] else { continue }
            let slug = Parameter<String>.value(plan.slug)
            let link: any SitePath =
                version.number > 1
                ? PlansPath.diff(slug, from: version.number - 1, to: version.number)
                : PlansPath.version(slug, number: .value(version.number))
            items.append(
                PlanDigestItem(
                    head: t("plans.digest.version", ["plan": plan.title, "number": String(version.number)]), text: version.note,
                    link: link.url(on: app)))
        }

        for suggestion in try await PlanSuggestion.query(on: db).filter(\.$id ~~ ids(.suggestionDecided)).sort(\.$decidedAt).all() {
            guard suggestion.status != .open, let plan = plans[suggestion.planID], let id = suggestion.id else { continue }
            items.append(
                PlanDigestItem(
                    head: t(decisionKey(suggestion.status), ["title": suggestion.title, "plan": plan.title]),
                    text: suggestion.decisionReason ?? "",
                    link: PlansPath.suggestion(.value(plan.slug), id: .value(id)).url(on: app)))
        }

        let replies = try await PlanReaction.query(on: db).filter(\.$id ~~ ids(.reply)).filter(\.$status == .visible)
            .sort(\.$createdAt).all()
        let writers = try await byID(User.query(on: db).filter(\.$id ~~ Set(replies.compactMap(\.userID))).all())
        for reply in replies {
            guard let plan = plans[reply.planID], let id = reply.id else { continue }
            let who =
                reply.asMovement
                ? t("plans.digest.movement", [:]) : reply.userID.flatMap { writers[$0]?.name } ?? t("plans.digest.deleted_account", [:])
            let slug = Parameter<String>.value(plan.slug)
            let page: any SitePath =
                reply.activityID.map { PlansPath.activity(slug, activity: .value($0)) }
                ?? PlansPath.section(slug, section: .value(reply.sectionID))
            items.append(
                PlanDigestItem(
                    head: t("plans.digest.reply", ["name": who, "plan": plan.title]), text: excerpt(reply.body),
                    link: page.url(on: app) + "#reactie-\(id.uuidString)"))
        }
        return items
    }

    static func decisionKey(_ status: PlanSuggestion.Status) -> String {
        switch status {
        case .accepted, .open: "plans.digest.suggestion.accepted"
        case .merged: "plans.digest.suggestion.merged"
        case .declined: "plans.digest.suggestion.declined"
        }
    }

    static func excerpt(_ body: String) -> String {
        let flat = body.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > excerptLength ? String(flat.prefix(excerptLength)) + "…" : flat
    }

    private static func byID<M: Model>(_ models: [M]) -> [UUID: M] where M.IDValue == UUID {
        Dictionary(models.compactMap { model in model.id.map { ($0, model) } }, uniquingKeysWith: { a, _ in a })
    }
}
