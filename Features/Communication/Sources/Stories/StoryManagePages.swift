import Fluent
import KrachtCore
import Vapor

/// `/verhalen/beheer`: the coordinators' pages of the stories.
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
        let max = ImageUpload.maxSize(req.application)
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
        let id = try Self.id(req)
        let publish = req.formFields()?["action"] != "unpublish"
        switch try await PublishStory(app: req.application).run(by: req.requireUser(), id: id, publish: publish) {
        case .published: return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.published")
        case .unpublished: return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.unpublished")
        case .notFound: throw Abort(.notFound)
        }
    }

    func recordConsent(req: Request) async throws -> Response {
        let story = try await find(req)
        let id = try story.requireID()
        let fields = req.formFields() ?? FormFields()
        let input = RecordStoryConsent.Input(person: fields["person"], uses: fields.values("uses"), givenOn: fields["given_on"])
        switch try await RecordStoryConsent(app: req.application).run(by: req.requireUser(), storyID: id, input, language: req.language) {
        case .recorded: return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.consent")
        case .invalid(let errors):
            var values = ["person": fields["person"] ?? "", "given_on": fields["given_on"] ?? ""]
            for use in input.uses where StoryConsent.uses.contains(use) { values["use_" + use] = "1" }
            return try await renderEdit(
                req, story, values: Self.values(of: story), consentErrors: errors, consentValues: values, status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let id = try Self.id(req)
        guard let consentID = req.parameters.get("consent", as: UUID.self) else { throw Abort(.notFound) }
        switch try await WithdrawStoryConsent(app: req.application).run(by: req.requireUser(), storyID: id, consentID: consentID) {
        case .withdrawn, .alreadyWithdrawn:
            return Flash.redirect(req, to: StoriesPath.edit(.value(id)), messageKey: "stories.flash.withdrawn")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: helpers

    /// The story of the path, with its consents.
    func find(_ req: Request) async throws -> Story {
        let id = try Self.id(req)
        guard let story = try await Story.query(on: req.db).filter(\.$id == id).with(\.$consents).first() else { throw Abort(.notFound) }
        return story
    }

    /// The story id of the path (the commands find the story themselves).
    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return id
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

    func renderEdit(
        _ req: Request, _ story: Story?, values: [String: String], errors: FormErrors = FormErrors(),
        photoErrors: FormErrors = FormErrors(), consentErrors: FormErrors = FormErrors(), consentValues: [String: String] = [:],
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let id = story?.id
        let shownErrors = errors.shown(on: Self.layout, req)
        let shownPhotoErrors = photoErrors.shown(on: Self.photoLayout, req)
        let shownConsentErrors = consentErrors.shown(on: Self.consentLayout, req)
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
            maxPhoto: ImageUpload.maxSize(req.application), published: story?.status == "published",
            offline: story?.offline.map { req.t("stories.offline.\($0.rawValue)") },
            link: story.flatMap { $0.isOnline ? StoriesPath.story(.value($0.slug)).path : nil }, consents: consents,
            uses: StoryConsent.uses.map {
                FormChoice(value: $0, label: req.t("stories.use.\($0)"), selected: consentDefaults["use_" + $0] != nil)
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
