import Fluent
import KrachtCore
import Vapor

/// `/verhalen` and a story's page: only stories online (published, every consent covering the web).
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
}
