import Fluent
import KrachtCore
import Vapor

/// Creates or changes a campaign of the register with its `ref` codes, in one transaction with
/// its audit event. Codes are checked (form, repeats, taken by another campaign) before anything
/// is written; two coordinators taking one code at once meet the unique index and the second
/// gets the same message.
struct SaveMovementCampaign: Sendable {
    struct Input: Content, Sendable {
        var name: String?
        var kind: String?
        var description: String?
        var starts_on: String?
        var ends_on: String?
        /// The codes, separated by commas or new lines.
        var codes: String?
    }
    enum Outcome: Sendable, Equatable { case saved(UUID), invalid(FormErrors), notFound }

    static let maxName = 120
    static let maxDescription = 2000
    static let maxCodes = 20

    let app: Application

    /// `id` is the campaign being edited; nil creates one.
    func run(by coordinator: User, id: UUID?, _ input: Input, language: Language) async throws -> Outcome {
        let t = { (key: String, args: [String: String]) in app.catalogue.text(key, in: language, args) }
        let text = { (key: String) in t(key, [:]) }
        var errors = FormErrors()
        let name = errors.text("name", input.name, maxLength: Self.maxName, text)
        let kind = MovementCampaign.Kind(rawValue: input.kind ?? "")
        if kind == nil { errors.add("kind", text("campaigns.error.kind")) }
        let description = errors.text(
            "description", input.description, required: false, maxLength: Self.maxDescription, singleLine: false, text)
        let startsOn = errors.day("starts_on", input.starts_on, required: true, text)
        let endsOn = errors.day("ends_on", input.ends_on, required: false, text)
        if let startsOn, let endsOn, endsOn < startsOn { errors.add("ends_on", text("campaigns.error.period")) }
        let codes = Self.codes(input.codes)
        if codes.isEmpty {
            errors.add("codes", t("campaigns.error.codes_missing", [:]))
        } else if codes.count > Self.maxCodes {
            errors.add("codes", t("campaigns.error.too_many_codes", ["max": String(Self.maxCodes)]))
        } else if let bad = codes.first(where: { !CampaignCode.isWellFormed($0) }) {
            errors.add("codes", t("campaigns.error.code_malformed", ["code": String(bad.prefix(60))]))
        } else if let repeated = codes.enumerated().first(where: { codes.firstIndex(of: $0.element) != $0.offset }) {
            errors.add("codes", t("campaigns.error.code_repeated", ["code": repeated.element]))
        } else if let taken = try await CampaignCode.query(on: app.db).filter(\.$code ~~ codes).all()
            .first(where: { $0.$campaign.id != id })
        {
            errors.add("codes", t("campaigns.error.code_taken", ["code": taken.code]))
        }
        guard errors.isEmpty, let kind, let startsOn else { return .invalid(errors) }

        do {
            return try await app.db.writeTransaction { db -> Outcome in
                let campaign: MovementCampaign
                if let id {
                    guard let found = try await MovementCampaign.find(id, on: db) else { return .notFound }
                    campaign = found
                } else {
                    campaign = MovementCampaign()
                    campaign.id = UUID()
                    campaign.createdAt = app.clock.now()
                    campaign.createdBy = coordinator.id
                }
                campaign.name = name
                campaign.kind = kind.rawValue
                campaign.description = description
                campaign.startsOn = startsOn
                campaign.endsOn = endsOn
                try await campaign.save(on: db)
                let campaignID = try campaign.requireID()
                let kept = try await CampaignCode.query(on: db).filter(\.$campaign.$id == campaignID).all()
                for old in kept where !codes.contains(old.code) { try await old.delete(on: db) }
                for code in codes where !kept.contains(where: { $0.code == code }) {
                    try await CampaignCode(campaignID: campaignID, code: code).create(on: db)
                }
                try await AuditEvent.record(
                    id == nil ? "campaigns.create" : "campaigns.update", subject: "campaign:\(campaignID)",
                    details: "\(name) [\(codes.joined(separator: ","))]", by: coordinator.id, on: db)
                return .saved(campaignID)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            var taken = FormErrors()
            taken.add("codes", t("campaigns.error.code_taken_now", [:]))
            return .invalid(taken)
        }
    }

    /// The codes as typed: split at commas and line breaks, trimmed, empty ones dropped.
    static func codes(_ raw: String?) -> [String] {
        (raw ?? "").split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

/// Removes a campaign and its codes (the features' signatures, gifts and registrations keep
/// their `ref`; only the grouping goes).
struct DeleteMovementCampaign: Sendable {
    enum Outcome: Sendable, Equatable { case deleted, notFound }
    let app: Application

    func run(by coordinator: User, id: UUID) async throws -> Outcome {
        try await app.db.writeTransaction { db in
            guard let campaign = try await MovementCampaign.find(id, on: db) else { return .notFound }
            try await CampaignCode.query(on: db).filter(\.$campaign.$id == id).delete()
            try await campaign.delete(on: db)
            try await AuditEvent.record("campaigns.delete", subject: "campaign:\(id)", details: campaign.name, by: coordinator.id, on: db)
            return .deleted
        }
    }
}
