import Fluent
import KrachtCore
import Vapor

/// Creates or changes a partner organisation, in one transaction with its audit event.
struct SavePartner: Sendable {
    struct Input: Content, Sendable {
        var name: String?
        var kind: String?
        var since: String?
        var ended_on: String?
        var what: String?
        var website: String?
    }
    enum Outcome: Sendable, Equatable { case saved(UUID), invalid(FormErrors), notFound }

    static let maxName = 120
    static let maxWhat = 600
    static let maxWebsite = 300

    let app: Application

    func run(by coordinator: User, id: UUID?, _ input: Input, language: Language) async throws -> Outcome {
        let t = { (key: String) in app.catalogue.text(key, in: language) }
        var errors = FormErrors()
        let name = errors.text("name", input.name, maxLength: Self.maxName, t)
        if Self.hasMarkup(name) { errors.add("name", t("partners.error.markup")) }
        let kind = Partner.Kind(rawValue: input.kind ?? "")
        if kind == nil { errors.add("kind", t("partners.error.kind")) }
        let since = errors.day("since", input.since, required: true, t)
        let endedOn = errors.day("ended_on", input.ended_on, required: false, t)
        if let since, let endedOn, endedOn < since { errors.add("ended_on", t("partners.error.period")) }
        let what = errors.text("what", input.what, maxLength: Self.maxWhat, singleLine: false, t)
        if Self.hasMarkup(what) { errors.add("what", t("partners.error.markup")) }
        let websiteText = errors.text("website", input.website, required: false, maxLength: Self.maxWebsite, t)
        if !websiteText.isEmpty, !Self.isWebsite(websiteText) { errors.add("website", t("partners.error.website")) }
        guard errors.isEmpty, let kind, let since else { return .invalid(errors) }

        return try await app.db.writeTransaction { db -> Outcome in
            let partner: Partner
            if let id {
                guard let found = try await Partner.find(id, on: db) else { return .notFound }
                partner = found
            } else {
                partner = Partner()
                partner.id = UUID()
                partner.createdAt = app.clock.now()
                partner.createdBy = coordinator.id
            }
            partner.name = name
            partner.kind = kind.rawValue
            partner.since = since
            partner.endedOn = endedOn
            partner.what = what
            partner.website = websiteText.isEmpty ? nil : websiteText
            try await partner.save(on: db)
            let partnerID = try partner.requireID()
            try await AuditEvent.record(
                id == nil ? "partners.create" : "partners.update", subject: "partner:\(partnerID)", details: name, by: coordinator.id,
                on: db)
            return .saved(partnerID)
        }
    }

    /// A tag (`<script`, `</b`, `<!--`, `<?`): the texts are plain and shown on a public page,
    /// so markup in them is someone testing us. A lone `<` or `>` ("<3", "> 50 buren") is fine.
    static func hasMarkup(_ text: String) -> Bool {
        text.range(of: #"<\s*[A-Za-z/!?]"#, options: .regularExpression) != nil
    }

    /// An `https://` address with a host, nothing that could run or leave the page quietly.
    static func isWebsite(_ text: String) -> Bool {
        guard text.lowercased().hasPrefix("https://"), !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
            let url = URL(string: text), url.scheme?.lowercased() == "https", let host = url.host, host.contains("."), url.user == nil
        else { return false }
        return true
    }
}

/// A partner's logo: checked, cleaned and stored by `ImageUpload` in folder `partners`; the
/// previous one is removed once the new one is saved.
struct SetPartnerLogo: Sendable {
    enum Outcome: Sendable, Equatable { case saved, refused(ImageUpload.Problem), notFound }
    static let folder = "partners"
    let app: Application

    func run(by coordinator: User, id: UUID, data: Data) async throws -> Outcome {
        guard try await Partner.find(id, on: app.db) != nil else { return .notFound }
        let previous: String??
        do {
            previous = try await ImageUpload.storeAndSave(data, folder: Self.folder, app: app) { stored, db in
                guard let partner = try await Partner.find(id, on: db) else { return String??.none }
                let old = partner.logo
                partner.logo = stored.originalFile
                try await partner.save(on: db)
                try await AuditEvent.record(
                    "partners.logo", subject: "partner:\(id)", details: stored.originalFile, by: coordinator.id, on: db)
                return .some(old)
            }
        } catch let problem as ImageUpload.Problem {
            return .refused(problem)
        }
        guard let previous else { return .notFound }
        if let old = previous { try? ImageUpload.remove(name: Self.stem(old), folder: Self.folder, app: app) }
        return .saved
    }

    /// `<uuid>.<ext>` → `<uuid>`.
    static func stem(_ file: String) -> String { String(file.split(separator: ".").first ?? "") }
}

/// Removes a partner (its logo goes with it, and the daily purge takes any logo left behind).
struct DeletePartner: Sendable {
    enum Outcome: Sendable, Equatable { case deleted, notFound }
    let app: Application

    func run(by coordinator: User, id: UUID) async throws -> Outcome {
        let logo: String?? = try await app.db.writeTransaction { db in
            guard let partner = try await Partner.find(id, on: db) else { return String??.none }
            try await partner.delete(on: db)
            try await AuditEvent.record("partners.delete", subject: "partner:\(id)", details: partner.name, by: coordinator.id, on: db)
            return .some(partner.logo)
        }
        guard let logo else { return .notFound }
        if let file = logo { try? ImageUpload.remove(name: SetPartnerLogo.stem(file), folder: SetPartnerLogo.folder, app: app) }
        return .deleted
    }
}
