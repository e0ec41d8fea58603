import Fluent
import KrachtCore
import Vapor

/// The stories: the public list and pages (`/verhalen`, StoryPublicPages), their photos
/// (StoryPhotoRoute), the coordinators' pages (`/verhalen/beheer`, StoryManagePages: text,
/// photo, publishing and consents) and the open data (StoriesAPI). Here: the routes, the views'
/// shapes and the parts they share.
struct StoryController: RouteCollection {
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
        var districts, domains: [FormChoice]
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
        var districts, domains: [FormChoice]
        var photo: Photo?
        var photoAction, publishAction, consentAction: String
        var photoError: String?
        var maxPhoto: String
        var published: Bool
        var offline: String?
        var link: String?
        var consents: [ConsentRow]
        var uses: [FormChoice]
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
        open.get(StoriesPath.list(), use: list).cachedForAnonymous()
        open.get(StoriesPath.story(.key), use: story)
        open.get(StoriesPath.photo(.key), use: photo)
        open.get(StoriesPath.api, use: api)
        open.get(StoriesPath.apiCSV, use: csv)
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(StoriesPath.manage, use: manage)
        coordinators.get(StoriesPath.new, use: newStory)
        coordinators.post(StoriesPath.new, use: create)
        coordinators.get(StoriesPath.edit(.key), use: edit)
        coordinators.post(StoriesPath.edit(.key), use: update)
        ImageUpload.post(coordinators, StoriesPath.uploadPhoto(.key).components, maxBytes: uploadLimit, use: uploadPhoto)
        coordinators.post(StoriesPath.publish(.key), use: publish)
        coordinators.post(StoriesPath.consents(.key), use: recordConsent)
        coordinators.post(StoriesPath.withdrawConsent(.key, consent: .key), use: withdraw)
    }
}

// MARK: parts shared by the pages

extension StoryController {
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

    func districtChoices(_ req: Request, selected: String?) -> [FormChoice] {
        var seen = Set<String>()
        return req.application.reference.districts.filter { seen.insert($0.slug).inserted }
            .map { FormChoice(value: $0.slug, label: $0.name, selected: $0.slug == selected) }
    }

    func domainChoices(_ req: Request, selected: String?) -> [FormChoice] {
        req.application.reference.domains.map {
            FormChoice(value: $0.slug, label: req.language == .nl ? $0.nameNL : $0.nameEN, selected: $0.slug == selected)
        }
    }
}
