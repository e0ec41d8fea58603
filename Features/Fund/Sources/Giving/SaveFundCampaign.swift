import Fluent
import KrachtCore
import Vapor

/// The treasurer creates a fund campaign or changes one. Its slug is chosen once and kept:
/// links and posters with `?campagne=<slug>` are out there.
struct SaveFundCampaign: Sendable {
    struct Input: Content {
        var slug: String?
        var title: String?
        var description: String?
        /// In euros, as typed ("2.500").
        var goal: String?
        /// A day, `2026-06-20`; empty: open-ended.
        var deadline: String?
    }

    enum Outcome: Sendable, Equatable {
        case created(slug: String)
        case updated(slug: String)
        case invalid(FormErrors)
        case notFound
    }

    static let layout = FormLayout(
        id: "campaign-form",
        [
            .field("title", id: "campaign-title", label: "fund.campaign.field.title"),
            .field("slug", id: "campaign-slug", label: "fund.campaign.field.slug"),
            .field("description", id: "campaign-description", label: "fund.campaign.field.description"),
            .field("goal", id: "campaign-goal", label: "fund.campaign.field.goal"),
            .field("deadline", id: "campaign-deadline", label: "fund.campaign.field.deadline"),
        ])

    let app: Application

    /// `existing`: the slug of the campaign to change; nil creates one.
    func run(_ input: Input, existing: String?, by treasurer: User, language: Language) async throws -> Outcome {
        let t = { app.catalogue.text($0, in: language) }
        var errors = FormErrors()
        let (title, titleProblem) = TextField.check(input.title, maxLength: 120)
        if let titleProblem { errors.add("title", TextField.message(for: titleProblem, maxLength: 120, t)) }
        let (description, descriptionProblem) = TextField.check(input.description, maxLength: 4000, singleLine: false)
        if let descriptionProblem { errors.add("description", TextField.message(for: descriptionProblem, maxLength: 4000, t)) }
        let goal = GiftForm.parseAmount(input.goal ?? "")
        if goal == nil || goal! <= 0 { errors.add("goal", t("fund.campaign.error.goal")) }
        let deadlineText = (input.deadline ?? "").trimmingCharacters(in: .whitespaces)
        if !deadlineText.isEmpty, AmsterdamTime.parseDay(deadlineText) == nil { errors.add("deadline", t("fund.campaign.error.deadline")) }

        let campaign: FundCampaign
        if let existing {
            guard let found = try await FundCampaign.find(slug: existing, on: app.db) else { return .notFound }
            campaign = found
        } else {
            let slug = Self.validSlug(input.slug ?? "")
            if slug == nil {
                errors.add("slug", t("fund.campaign.error.slug"))
            } else if try await FundCampaign.find(slug: slug!, on: app.db) != nil {
                errors.add("slug", t("fund.campaign.error.slug_taken"))
            }
            campaign = FundCampaign()
            campaign.id = UUID()
            campaign.slug = slug ?? ""
            campaign.createdAt = app.clock.now()
            campaign.createdBy = treasurer.id
            campaign.raisedCents = 0
            campaign.gifts = 0
        }
        guard errors.isEmpty, let goal else { return .invalid(errors) }
        campaign.title = title
        campaign.description = description
        campaign.goalCents = goal
        campaign.deadline = deadlineText.isEmpty ? nil : deadlineText
        do {
            try await app.db.writeTransaction { db in
                try await campaign.save(on: db)
                try await AuditEvent.record(
                    existing == nil ? "fund.campaign.create" : "fund.campaign.update", subject: "fund_campaign:\(campaign.slug)",
                    details: title, by: treasurer.id, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure && existing == nil {
            // Two treasurers choosing the same slug at once: the unique index let the first in.
            var taken = FormErrors()
            taken.add("slug", t("fund.campaign.error.slug_taken"))
            return .invalid(taken)
        }
        return existing == nil ? .created(slug: campaign.slug) : .updated(slug: campaign.slug)
    }

    /// A slug: 3 to 60 lower-case letters, digits and dashes ("benefietavond-juni").
    static func validSlug(_ raw: String) -> String? {
        let slug = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...60).contains(slug.count), slug.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
            slug.first != "-", slug.last != "-"
        else { return nil }
        return slug
    }
}
