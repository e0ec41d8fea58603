import Fluent
import Foundation
import KrachtCore
import Vapor

/// Creates or changes a story's text and tags, in one transaction with its audit event.
struct SaveStory: Sendable {
    struct Input: Sendable {
        var title, summary, body, domain, district, campaign, alt: String?
    }
    enum Outcome: Sendable, Equatable { case saved(UUID), invalid(FormErrors), notFound }

    static let maxTitle = 120
    static let maxSummary = 300
    static let maxAlt = 250

    let app: Application

    func run(by coordinator: User, id: UUID?, _ input: Input, language: Language) async throws -> Outcome {
        let t = { (key: String) in app.catalogue.text(key, in: language) }
        var errors = FormErrors()
        let title = errors.text("title", input.title, maxLength: Self.maxTitle, t)
        let summary = errors.text("summary", input.summary, maxLength: Self.maxSummary, singleLine: false, t)
        let body = errors.text("body", input.body, maxLength: SafeMarkdown.maxLength, singleLine: false, t)
        let alt = errors.text("alt", input.alt, required: false, maxLength: Self.maxAlt, t)
        let domain = (input.domain ?? "").trimmingCharacters(in: .whitespaces)
        if !domain.isEmpty, !app.reference.domains.contains(where: { $0.slug == domain }) {
            errors.add("domain", t("stories.error.domain"))
        }
        let district = (input.district ?? "").trimmingCharacters(in: .whitespaces)
        if !district.isEmpty, !app.reference.districts.contains(where: { $0.slug == district }) {
            errors.add("district", t("stories.error.district"))
        }
        let campaign = (input.campaign ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if !campaign.isEmpty, !CampaignCode.isWellFormed(campaign) { errors.add("campaign", t("stories.error.campaign")) }
        guard errors.isEmpty else { return .invalid(errors) }
        let altMissing = t("stories.error.alt")

        return try await app.db.writeTransaction { db -> Outcome in
            let story: Story
            if let id {
                guard let found = try await Story.find(id, on: db) else { return .notFound }
                story = found
                if story.photoName != nil, alt.isEmpty {
                    var errors = FormErrors()
                    errors.add("alt", altMissing)
                    return .invalid(errors)
                }
            } else {
                story = Story()
                story.id = UUID()
                story.slug = try await Self.freeSlug(for: title, on: db)
                story.status = "draft"
                story.createdBy = coordinator.id
                story.createdAt = app.clock.now()
            }
            story.title = title
            story.summary = summary
            story.body = body
            story.photoAlt = alt.isEmpty ? nil : alt
            story.domain = domain.isEmpty ? nil : domain
            story.district = district.isEmpty ? nil : district
            story.campaign = campaign.isEmpty ? nil : campaign
            try await story.save(on: db)
            let storyID = try story.requireID()
            try await AuditEvent.record(
                id == nil ? "stories.create" : "stories.update", subject: "story:\(storyID)", details: title, by: coordinator.id, on: db)
            return .saved(storyID)
        }
    }

    /// `verhaal-van-fatima`, then `-2`, `-3` when taken.
    static func freeSlug(for title: String, on db: any Database) async throws -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = String(slug.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if slug.isEmpty { slug = "verhaal" }
        var candidate = slug
        var number = 2
        while try await Story.query(on: db).filter(\.$slug == candidate).count() > 0 {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        return candidate
    }
}

/// A story's photo: checked, cleaned and stored by `ImageUpload` (folder `stories`) with its
/// required alt text; the previous photo's files are removed once the new one is saved.
struct SetStoryPhoto: Sendable {
    enum Outcome: Sendable, Equatable { case saved, refused(ImageUpload.Problem), missingAlt, notFound }
    static let folder = "stories"
    let app: Application

    func run(by coordinator: User, id: UUID, data: Data, alt: String?) async throws -> Outcome {
        guard try await Story.find(id, on: app.db) != nil else { return .notFound }
        let (altText, altProblem) = TextField.check(alt, maxLength: SaveStory.maxAlt)
        if altProblem != nil { return .missingAlt }
        let previous: String??
        do {
            previous = try await ImageUpload.storeAndSave(data, folder: Self.folder, app: app) { stored, db in
                guard let story = try await Story.find(id, on: db) else { return String??.none }
                let old = story.photoName
                story.photo = stored
                story.photoAlt = altText
                try await story.save(on: db)
                try await AuditEvent.record("stories.photo", subject: "story:\(id)", details: stored.name, by: coordinator.id, on: db)
                return .some(old)
            }
        } catch let problem as ImageUpload.Problem {
            return .refused(problem)
        }
        guard let previous else { return .notFound }
        if let old = previous { try? ImageUpload.remove(name: old, folder: Self.folder, app: app) }
        return .saved
    }
}

/// Publishes or takes back a story.
struct PublishStory: Sendable {
    enum Outcome: Sendable, Equatable { case published, unpublished, notFound }
    let app: Application

    func run(by coordinator: User, id: UUID, publish: Bool) async throws -> Outcome {
        try await app.db.writeTransaction { db -> Outcome in
            guard let story = try await Story.find(id, on: db) else { return .notFound }
            story.status = publish ? "published" : "draft"
            if publish, story.publishedAt == nil { story.publishedAt = app.clock.now() }
            try await story.save(on: db)
            try await AuditEvent.record(
                publish ? "stories.publish" : "stories.unpublish", subject: "story:\(id)", details: story.title, by: coordinator.id, on: db)
            return publish ? .published : .unpublished
        }
    }
}

/// Records the consent of a person in a story.
struct RecordStoryConsent: Sendable {
    struct Input: Sendable {
        var person: String?
        var uses: [String]
        var givenOn: String?
    }
    enum Outcome: Sendable, Equatable { case recorded, invalid(FormErrors), notFound }
    static let maxPerson = 120
    let app: Application

    func run(by coordinator: User, storyID: UUID, _ input: Input, language: Language) async throws -> Outcome {
        let t = { (key: String) in app.catalogue.text(key, in: language) }
        var errors = FormErrors()
        let person = errors.text("person", input.person, maxLength: Self.maxPerson, t)
        let uses = StoryConsent.uses.filter { input.uses.contains($0) }
        if uses.isEmpty || input.uses.contains(where: { !StoryConsent.uses.contains($0) }) { errors.add("uses", t("stories.error.uses")) }
        let day = (input.givenOn ?? "").trimmingCharacters(in: .whitespaces)
        let today = AmsterdamTime.day(app.clock.now())
        if day.isEmpty {
            errors.add("given_on", t("form.required"))
        } else if AmsterdamTime.parseDay(day) == nil || day > today {
            errors.add("given_on", t("stories.error.day"))
        }
        guard errors.isEmpty else { return .invalid(errors) }
        return try await app.db.writeTransaction { db -> Outcome in
            guard try await Story.find(storyID, on: db) != nil else { return .notFound }
            let consent = StoryConsent()
            consent.id = UUID()
            consent.$story.id = storyID
            consent.person = person
            consent.uses = "," + uses.joined(separator: ",") + ","
            consent.givenOn = day
            consent.recordedBy = coordinator.id
            consent.createdAt = app.clock.now()
            try await consent.save(on: db)
            try await AuditEvent.record(
                "stories.consent", subject: "story:\(storyID)", details: uses.joined(separator: ","), by: coordinator.id, on: db)
            return .recorded
        }
    }
}

/// Withdraws a consent: the story is offline from this moment (every page and the API read
/// consents live; nothing of a story is cached).
struct WithdrawStoryConsent: Sendable {
    enum Outcome: Sendable, Equatable { case withdrawn, alreadyWithdrawn, notFound }
    let app: Application

    func run(by coordinator: User, storyID: UUID, consentID: UUID) async throws -> Outcome {
        try await app.db.writeTransaction { db -> Outcome in
            guard let consent = try await StoryConsent.find(consentID, on: db), consent.$story.id == storyID else { return .notFound }
            if consent.withdrawnAt != nil { return .alreadyWithdrawn }
            consent.withdrawnAt = app.clock.now()
            try await consent.save(on: db)
            try await AuditEvent.record("stories.consent_withdrawn", subject: "story:\(storyID)", by: coordinator.id, on: db)
            return .withdrawn
        }
    }
}
