import Fluent
import KrachtCore
import Vapor

/// Creates a campaign or changes one; its code is chosen once and then kept, because links,
/// posters and embedded counters already carry it.
struct SaveCampaign: Sendable {
    struct Input: Content {
        var name: String?
        var code: String?
        var channel: String?
        var starts_on: String?
        var ends_on: String?
    }
    enum Outcome: Sendable, Equatable { case saved(code: String), invalid(FormErrors) }

    let app: Application

    /// `existing` is the code of the campaign being edited; nil creates one.
    func run(by coordinator: User, existing: String?, _ input: Input, language: Language) async throws -> Outcome {
        let t = { app.catalogue.text($0, in: language) }
        var errors = FormErrors()
        let (name, nameProblem) = TextField.check(input.name, maxLength: 100)
        if let nameProblem { errors.add("name", TextField.message(for: nameProblem, maxLength: 100, t)) }
        let channel = Campaign.Channel(rawValue: input.channel ?? "")
        if channel == nil { errors.add("channel", t("manifesto.campaign.error_channel")) }
        let startsOn = Self.day(input.starts_on)
        let endsOn = Self.day(input.ends_on)
        if startsOn == nil, !(input.starts_on ?? "").isEmpty { errors.add("starts_on", t("manifesto.campaign.error_day")) }
        if endsOn == nil, !(input.ends_on ?? "").isEmpty { errors.add("ends_on", t("manifesto.campaign.error_day")) }
        if let startsOn, let endsOn, endsOn < startsOn { errors.add("ends_on", t("manifesto.campaign.error_period")) }

        let campaign: Campaign
        if let existing {
            guard let found = try await Campaign.find(code: existing, on: app.db) else { throw Abort(.notFound) }
            campaign = found
        } else {
            let code = (input.code ?? "").trimmingCharacters(in: .whitespaces)
            if let valid = SignatureForm.campaign(code), valid.count <= Self.maxCodeLength {
                if Self.isReserved(valid) {
                    errors.add("code", app.catalogue.text("manifesto.campaign.error_code_reserved", in: language, ["code": valid]))
                } else if try await Campaign.find(code: valid, on: app.db) != nil {
                    errors.add("code", codeTaken(valid, language))
                }
            } else {
                errors.add("code", t("manifesto.campaign.error_code"))
            }
            campaign = Campaign()
            campaign.id = UUID()
            campaign.code = SignatureForm.campaign(code) ?? ""
            campaign.createdAt = app.clock.now()
            campaign.createdByID = coordinator.id
        }
        guard errors.isEmpty, let channel else { return .invalid(errors) }
        campaign.name = name
        campaign.channel = channel.rawValue
        campaign.startsOn = startsOn
        campaign.endsOn = endsOn
        do {
            try await app.db.writeTransaction { db in
                try await campaign.save(on: db)
                try await AuditEvent.record(
                    existing == nil ? "manifesto.campaign.create" : "manifesto.campaign.update", subject: "campaign:\(campaign.code)",
                    details: name, by: coordinator.id, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure && existing == nil {
            // Two coordinators creating the same code at once: both found it free, and the
            // unique index on `code` let only the first one in. This one came second.
            var taken = FormErrors()
            taken.add("code", codeTaken(campaign.code, language))
            return .invalid(taken)
        }
        return .saved(code: campaign.code)
    }

    private func codeTaken(_ code: String, _ language: Language) -> String {
        app.catalogue.text("manifesto.campaign.error_code_taken", in: language, ["code": code])
    }

    /// Signers' own codes and the group they are counted in (`CampaignFigures.sharedGroup`):
    /// a campaign with such a code would be counted as the signers' sharing.
    static func isReserved(_ code: String) -> Bool {
        code == CampaignFigures.sharedGroup || code.hasPrefix(ShareCode.prefix)
    }

    static let maxCodeLength = 40

    /// A day as a date field sends it, `2026-11-30`; nil for anything else.
    static func day(_ raw: String?) -> String? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), AmsterdamTime.parseDay(raw) != nil else { return nil }
        return raw
    }
}
