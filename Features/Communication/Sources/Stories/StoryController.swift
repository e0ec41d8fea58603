import Fluent
import KrachtCore
import Vapor

/// The stories: the public list and pages (`/verhalen`), their photos, and the coordinators'
/// pages (`/verhalen/beheer`): text, photo, publishing and consents.
struct StoryController: RouteCollection {
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct Photo: Encodable {
        var src, srcset, alt: String
        var width, height: Int
    }
    struct Card: Encodable {
        var title, summary, link: String
        var photo: Photo?
        var tags: [String]
        var day: String?
    }
    struct ListPage: Encodable {
        var cards: [Card]
        var hasCards: Bool
        var districts, domains: [Choice]
        var campaign: String
        var action: String
        var filtered: Bool
    }
    struct MetaTag: Encodable {
        var attribute, key, content: String
    }
    struct StoryPage: Encodable {
        var title, summary, body: String
        var photo: Photo?
        var tags: [String]
        var day: String?
        var share: ShareLinks
        var openGraph: [MetaTag]
        var listLink: String
    }
    struct Row: Encodable {
        var title, status, editLink: String
        var offline: String?
        var link: String?
    }
    struct ManagePage: Encodable {
        var rows: [Row]
        var hasRows: Bool
        var newLink: String
    }
    struct ConsentRow: Encodable {
        var person, uses, givenOn: String
        var withdrawn: String?
        var withdrawAction: String
    }
    struct EditPage: Encodable {
        var isNew: Bool
        var action: String
        var values: [String: String]
        var errors: FormErrors
        var districts, domains: [Choice]
        var photo: Photo?
        var photoAction, publishAction, consentAction: String
        var photoError: String?
        var maxPhoto: String
        var published: Bool
        var offline: String?
        var link: String?
        var consents: [ConsentRow]
        var uses: [Choice]
        var consentErrors: FormErrors
        var consentValues: [String: String]
    }

    static let layout = FormLayout(
        id: "story-form",
        [
            .field("title", id: "story-title", label: "stories.field.title"),
            .field("summary", id: "story-summary", label: "stories.field.summary"),
            .field("body", id: "story-body", label: "stories.field.body"),
            .field("alt", id: "story-alt", label: "stories.field.alt"),
            .field("domain", id: "story-domain", label: "stories.field.domain"),
            .field("district", id: "story-district", label: "stories.field.district"),
            .field("campaign", id: "story-campaign", label: "stories.field.campaign"),
        ])
    static let photoLayout = FormLayout(
        id: "photo-form",
        [.field("photo", id: "story-photo", label: "stories.field.photo"), .field("alt", id: "photo-alt", label: "stories.field.alt")])
    static let consentLayout = FormLayout(
        id: "consent-form",
        [
            .field("person", id: "consent-person", label: "stories.consent.person"),
            .field("uses", id: "consent-use-web", label: "stories.consent.uses"),
            .field("given_on", id: "consent-given", label: "stories.consent.given_on"),
        ])

    /// `KRACHT_IMAGE_MAX_BYTES`.
    let uploadLimit: Int

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(StoriesPath.list(), use: list)
        open.get(StoriesPath.story(.key), use: story)
        open.get(StoriesPath.photo(.key), use: photo)
        open.get(StoriesPath.api, use: api)
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(StoriesPath.manage, use: manage)
        coordinators.get(StoriesPath.new, use: newStory)
        coordinators.post(StoriesPath.new, use: create)
        coordinators.get(StoriesPath.edit(.key), use: edit)
        coordinators.post(StoriesPath.edit(.key), use: update)
        // A photo up to KRACHT_IMAGE_MAX_BYTES, with its form around it.
        let limit = uploadLimit + 64 * 1024
        coordinators.on(.POST, StoriesPath.uploadPhoto(.key).components, body: .collect(maxSize: ByteCount(value: limit)), use: uploadPhoto)
            .acceptingBody(upTo: limit)
        coordinators.post(StoriesPath.publish(.key), use: publish)
        coordinators.post(StoriesPath.consents(.key), use: recordConsent)
        coordinators.post(StoriesPath.withdrawConsent(.key, consent: .key), use: withdraw)
    }
}

// MARK: public pages

extension StoryController {
    func list(req: Request) async throws -> Response {
        func value(_ key: String) -> String? { (try? req.query.get(String.self, at: key)).flatMap { $0.isEmpty ? nil : $0 } }
        let district = value("wijk")
        let domain = value("domein")
        let campaign = value("campagne").map { String($0.prefix(40)).lowercased() }
        let stories = try await Story.online(on: req.db).filter { story in
            (district == nil || story.district == district) && (domain == nil || story.domain == domain)
                && (campaign == nil || story.campaign == campaign)
        }
        let page = ListPage(
            cards: stories.map { card(req, $0) }, hasCards: !stories.isEmpty,
            districts: districtChoices(req, selected: district), domains: domainChoices(req, selected: domain),
            campaign: campaign ?? "", action: StoriesPath.list().path, filtered: district != nil || domain != nil || campaign != nil)
        return try await req.render("story-list", titleKey: "stories.list.title", page)
    }

    func story(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"),
            let story = try await Story.query(on: req.db).filter(\.$slug == slug).with(\.$consents).first(), story.isOnline
        else { throw Abort(.notFound) }
        let app = req.application
        let url = StoriesPath.story(.value(story.slug)).url(on: app)
        let photo = photoView(story)
        var og: [MetaTag] = [
            .init(attribute: "property", key: "og:type", content: "article"),
            .init(attribute: "property", key: "og:title", content: story.title),
            .init(attribute: "property", key: "og:description", content: story.summary),
            .init(attribute: "property", key: "og:url", content: url),
            .init(attribute: "property", key: "og:site_name", content: "De Kracht van Mokum"),
            .init(attribute: "name", key: "twitter:card", content: story.photo == nil ? "summary" : "summary_large_image"),
            .init(attribute: "name", key: "description", content: story.summary),
        ]
        if let stored = story.photo {
            og.append(.init(attribute: "property", key: "og:image", content: app.config.baseURL + photoPath(stored.file(atMost: 1600))))
            if let alt = story.photoAlt { og.append(.init(attribute: "property", key: "og:image:alt", content: alt)) }
        }
        let share = try ShareLinks(
            url: url, message: story.title, subject: story.title, qrTitle: req.t("stories.share.qr"),
            intro: req.t("stories.share.intro"), label: req.t("stories.share.label"))
        let page = StoryPage(
            title: story.title, summary: story.summary, body: SafeMarkdown.html(story.body, topLevel: 2), photo: photo,
            tags: tags(req, story), day: story.publishedAt.map { AmsterdamTime.date($0, in: req.language) }, share: share,
            openGraph: og, listLink: StoriesPath.list().path)
        return try await req.render("story-page", titleKey: "stories.page.title", titleArguments: ["title": story.title], page)
    }

    /// A photo: of an online story for everyone, of any story for coordinators.
    func photo(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file"), let parsed = ImageUpload.parse(file),
            let story = try await Story.query(on: req.db).filter(\.$photoName == parsed.name).with(\.$consents).first()
        else { throw Abort(.notFound) }
        if story.isOnline {
            return try await ImageUpload.response(
                folder: SetStoryPhoto.folder, file: file, req: req, cacheControl: "public, max-age=3600")
        }
        let roles = try await req.signedInRoles()
        guard roles.contains(.coordinator) || roles.contains(.admin) else { throw Abort(.notFound) }
        return try await ImageUpload.response(folder: SetStoryPhoto.folder, file: file, req: req, cacheControl: "private, no-store")
    }

    // MARK: parts

    func photoPath(_ file: String) -> String { StoriesPath.photo(.value(file)).path }

    func photoView(_ story: Story) -> Photo? {
        guard let stored = story.photo else { return nil }
        let srcset =
            stored.widths.map { "\(photoPath(stored.file(width: $0))) \($0)w" }
            + (stored.widths.isEmpty || stored.width <= 1600 ? ["\(photoPath(stored.originalFile)) \(stored.width)w"] : [])
        let shown = stored.widths.filter { $0 <= 960 }.max() ?? stored.width
        return Photo(
            src: photoPath(stored.file(atMost: 960)), srcset: srcset.joined(separator: ", "), alt: story.photoAlt ?? "",
            width: shown, height: max(1, stored.height * shown / max(1, stored.width)))
    }

    func tags(_ req: Request, _ story: Story) -> [String] {
        let reference = req.application.reference
        var tags: [String] = []
        if let slug = story.district, let district = reference.districts.first(where: { $0.slug == slug }) { tags.append(district.name) }
        if let slug = story.domain, let domain = reference.domains.first(where: { $0.slug == slug }) {
            tags.append(req.language == .nl ? domain.nameNL : domain.nameEN)
        }
        if let campaign = story.campaign { tags.append("#" + campaign) }
        return tags
    }

    func card(_ req: Request, _ story: Story) -> Card {
        Card(
            title: story.title, summary: story.summary, link: StoriesPath.story(.value(story.slug)).path, photo: photoView(story),
            tags: tags(req, story), day: story.publishedAt.map { AmsterdamTime.date($0, in: req.language) })
    }

    func districtChoices(_ req: Request, selected: String?) -> [Choice] {
        var seen = Set<String>()
        return req.application.reference.districts.filter { seen.insert($0.slug).inserted }
            .map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == selected) }
    }

    func domainChoices(_ req: Request, selected: String?) -> [Choice] {
        req.application.reference.domains.map {
            Choice(value: $0.slug, label: req.language == .nl ? $0.nameNL : $0.nameEN, selected: $0.slug == selected)
        }
    }
}

// MARK: coordinators

extension StoryController {
    func manage(req: Request) async throws -> Response {
        let stories = try await Story.query(on: req.db).with(\.$consents).sort(\.$createdAt, .descending).all()
        let rows = try stories.map { story in
            Row(
                title: story.title, status: req.t("stories.status.\(story.status)"),
                editLink: StoriesPath.edit(.value(try story.requireID())).path,
                offline: story.offline.map { req.t("stories.offline.\($0.rawValue)") },
                link: story.isOnline ? StoriesPath.story(.value(story.slug)).path : nil)
        }
        return try await req.render(
            "story-manage", titleKey: "stories.manage.title", ManagePage(rows: rows, hasRows: !rows.isEmpty, newLink: StoriesPath.new.path))
    }

    func newStory(req: Request) async throws -> Response {
        try await renderEdit(req, nil, values: [:])
    }

    func create(req: Request) async throws -> Response {
        let fields = req.formFields() ?? FormFields()
        let input = Self.input(fields)
        switch try await SaveStory(app: req.application).run(by: req.requireUser(), id: nil, input, language: req.language) {
        case .saved(let id): return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.created")
        case .invalid(let errors): return try await renderEdit(req, nil, values: Self.values(fields), errors: errors, status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func edit(req: Request) async throws -> Response {
        let story = try await find(req)
        return try await renderEdit(req, story, values: Self.values(of: story))
    }

    func update(req: Request) async throws -> Response {
        let story = try await find(req)
        let fields = req.formFields() ?? FormFields()
        switch try await SaveStory(app: req.application).run(
            by: req.requireUser(), id: story.id, Self.input(fields), language: req.language)
        {
        case .saved(let id): return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.saved")
        case .invalid(let errors): return try await renderEdit(req, story, values: Self.values(fields), errors: errors, status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    struct PhotoInput: Content {
        var photo: File?
        var alt: String?
    }

    func uploadPhoto(req: Request) async throws -> Response {
        let story = try await find(req)
        let id = try story.requireID()
        let input = try? req.content.decode(PhotoInput.self)
        let data = input?.photo.map { Data(buffer: $0.data) } ?? Data()
        let max = Self.megabytes(req.application.config.imageMaxBytes)
        var errors = FormErrors()
        switch try await SetStoryPhoto(app: req.application).run(by: req.requireUser(), id: id, data: data, alt: input?.alt) {
        case .saved: return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.photo")
        case .refused(let problem): errors.add("photo", req.t(problem.textKey, ["max": max]))
        case .missingAlt: errors.add("alt", req.t("stories.error.alt"))
        case .notFound: throw Abort(.notFound)
        }
        return try await renderEdit(req, story, values: Self.values(of: story), photoErrors: errors, status: .badRequest)
    }

    func publish(req: Request) async throws -> Response {
        let story = try await find(req)
        let publish = req.formFields()?["action"] != "unpublish"
        switch try await PublishStory(app: req.application).run(by: req.requireUser(), id: try story.requireID(), publish: publish) {
        case .published:
            return Flash.redirect(req, to: StoriesPath.edit(.value(try story.requireID())), messageKey: "stories.flash.published")
        case .unpublished:
            return Flash.redirect(req, to: StoriesPath.edit(.value(try story.requireID())), messageKey: "stories.flash.unpublished")
        case .notFound: throw Abort(.notFound)
        }
    }

    func recordConsent(req: Request) async throws -> Response {
        let story = try await find(req)
        let fields = req.formFields() ?? FormFields()
        let input = RecordStoryConsent.Input(person: fields["person"], uses: fields.values("uses"), givenOn: fields["given_on"])
        switch try await RecordStoryConsent(app: req.application).run(
            by: req.requireUser(), storyID: try story.requireID(), input, language: req.language)
        {
        case .recorded: return Flash.redirect(req, to: StoriesPath.edit(.value(try story.requireID())), messageKey: "stories.flash.consent")
        case .invalid(let errors):
            var values = ["person": fields["person"] ?? "", "given_on": fields["given_on"] ?? ""]
            for use in input.uses where StoryConsent.uses.contains(use) { values["use_" + use] = "1" }
            return try await renderEdit(
                req, story, values: Self.values(of: story), consentErrors: errors, consentValues: values, status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let story = try await find(req)
        guard let consentID = req.parameters.get("consent", as: UUID.self) else { throw Abort(.notFound) }
        switch try await WithdrawStoryConsent(app: req.application).run(
            by: req.requireUser(), storyID: try story.requireID(), consentID: consentID)
        {
        case .withdrawn, .alreadyWithdrawn:
            return Flash.redirect(req, to: StoriesPath.edit(.value(try story.requireID())), messageKey: "stories.flash.withdrawn")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: helpers

    func find(_ req: Request) async throws -> Story {
        guard let id = req.parameters.get("id", as: UUID.self),
            let story = try await Story.query(on: req.db).filter(\.$id == id).with(\.$consents).first()
        else { throw Abort(.notFound) }
        return story
    }

    static func input(_ fields: FormFields) -> SaveStory.Input {
        SaveStory.Input(
            title: fields["title"], summary: fields["summary"], body: fields["body"], domain: fields["domain"],
            district: fields["district"], campaign: fields["campaign"], alt: fields["alt"])
    }

    static func values(_ fields: FormFields) -> [String: String] {
        var values: [String: String] = [:]
        for key in ["title", "summary", "body", "domain", "district", "campaign", "alt"] { values[key] = fields[key] ?? "" }
        return values
    }

    static func values(of story: Story) -> [String: String] {
        [
            "title": story.title, "summary": story.summary, "body": story.body, "domain": story.domain ?? "",
            "district": story.district ?? "", "campaign": story.campaign ?? "", "alt": story.photoAlt ?? "",
        ]
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_000_000) }

    func renderEdit(
        _ req: Request, _ story: Story?, values: [String: String], errors: FormErrors = FormErrors(),
        photoErrors: FormErrors = FormErrors(), consentErrors: FormErrors = FormErrors(), consentValues: [String: String] = [:],
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let id = story?.id
        let shownErrors = errors.isEmpty ? errors : errors.on(Self.layout, { req.t($0) })
        let shownPhotoErrors = photoErrors.isEmpty ? photoErrors : photoErrors.on(Self.photoLayout, { req.t($0) })
        let shownConsentErrors = consentErrors.isEmpty ? consentErrors : consentErrors.on(Self.consentLayout, { req.t($0) })
        let consents = (story?.consents ?? []).sorted { $0.createdAt < $1.createdAt }.map { consent in
            ConsentRow(
                person: consent.person, uses: consent.useList.map { req.t("stories.use.\($0)") }.joined(separator: ", "),
                givenOn: AmsterdamTime.date(AmsterdamTime.parseDay(consent.givenOn), in: req.language),
                withdrawn: consent.withdrawnAt.map { AmsterdamTime.date($0, in: req.language) },
                withdrawAction: StoriesPath.withdrawConsent(.value(id ?? UUID()), consent: .value(consent.id ?? UUID())).path)
        }
        var consentDefaults = consentValues
        if consentDefaults["given_on"] == nil { consentDefaults["given_on"] = AmsterdamTime.day(req.now) }
        let page = EditPage(
            isNew: story == nil, action: id.map { StoriesPath.edit(.value($0)).path } ?? StoriesPath.new.path, values: values,
            errors: shownErrors, districts: districtChoices(req, selected: values["district"]),
            domains: domainChoices(req, selected: values["domain"]), photo: story.flatMap(photoView),
            photoAction: id.map { StoriesPath.uploadPhoto(.value($0)).path } ?? "",
            publishAction: id.map { StoriesPath.publish(.value($0)).path } ?? "",
            consentAction: id.map { StoriesPath.consents(.value($0)).path } ?? "",
            photoError: shownPhotoErrors.fields["photo"] ?? shownPhotoErrors.fields["alt"],
            maxPhoto: Self.megabytes(req.application.config.imageMaxBytes), published: story?.status == "published",
            offline: story?.offline.map { req.t("stories.offline.\($0.rawValue)") },
            link: story.flatMap { $0.isOnline ? StoriesPath.story(.value($0.slug)).path : nil }, consents: consents,
            uses: StoryConsent.uses.map {
                Choice(value: $0, label: req.t("stories.use.\($0)"), selected: consentDefaults["use_" + $0] != nil)
            },
            consentErrors: shownConsentErrors, consentValues: consentDefaults)
        let all = !errors.isEmpty ? shownErrors : (!photoErrors.isEmpty ? shownPhotoErrors : shownConsentErrors)
        if let story {
            return try await req.render(
                "story-edit", titleKey: "stories.edit.title", titleArguments: ["title": story.title], page, status: status, errors: all)
        }
        return try await req.render("story-edit", titleKey: "stories.new.title", page, status: status, errors: all)
    }
}
