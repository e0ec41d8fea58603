import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/initiatieven`: approved initiatives, filtered and searched by a GET form that works
/// without JavaScript. Any query string is safe: unknown filters are ignored, search words pass
/// `SearchQuery` (letters and digits only), the page number is clamped.
struct BrowseController: RouteCollection {
    struct Choice: Encodable {
        var value, label: String
        var checked: Bool
    }
    struct Row: Encodable {
        var name, summary, path: String
        var place: String?
        var domains: [String]
        var underFlag: Bool
        var snippet: Snippet?
    }
    struct Page: Encodable {
        var q: String
        var noWords: Bool
        var searching: Bool
        var countText: String
        var domains, districts: [Choice]
        var underFlag: Bool
        var rows: [Row]
        var previous, next: String?
        var action, rankingPath, newPath: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(InitiativesPath.browse(), use: browse).cachedForAnonymous()
    }

    func browse(req: Request) async throws -> Response {
        let reference = req.application.reference
        let typed = String((req.queryValue("q") ?? "").prefix(200))
        let query = SearchQuery(typed)
        let domain = req.queryValue("domein").flatMap { reference.domain(slug: $0)?.slug }
        let district = req.queryValue("stadsdeel").flatMap { reference.district(slug: $0)?.slug }
        let underFlag = req.queryValue("vlag") == "1"
        let pageNumber = min(max(req.queryInt("pagina") ?? 1, 1), InitiativeBrowse.maxPage)
        let browse = InitiativeBrowse(query: query, domain: domain, district: district, underFlag: underFlag, page: pageNumber)
        let result = try await browse.run(on: req.db)

        let english = req.language.rawValue == "en"
        let domainName = { (slug: String) in reference.domain(slug: slug).map { english ? $0.nameEN : $0.nameNL } }
        let rows = result.initiatives.map { initiative in
            Row(
                name: initiative.name, summary: initiative.summary, path: InitiativesPath.initiative(.value(initiative.slug)).path,
                place: InitiativePage.place(of: initiative, reference),
                domains: (result.domains[initiative.id!] ?? []).compactMap(domainName).sorted(), underFlag: initiative.underFlag,
                snippet: result.snippets[initiative.id!])
        }
        let link = { (page: Int) in
            InitiativesPath.browse(
                query: query == nil ? nil : typed, domain: domain, district: district, underFlag: underFlag, page: page
            ).path
        }
        let page = Page(
            q: typed, noWords: query == nil && !typed.trimmingCharacters(in: .whitespaces).isEmpty, searching: query != nil,
            countText: req.t("initiatives.browse.count", count: result.total),
            domains: reference.domains.map { Choice(value: $0.slug, label: english ? $0.nameEN : $0.nameNL, checked: $0.slug == domain) },
            districts: reference.districts.map { Choice(value: $0.slug, label: $0.name, checked: $0.slug == district) },
            underFlag: underFlag, rows: rows,
            previous: pageNumber > 1 ? link(pageNumber - 1) : nil,
            next: pageNumber * InitiativeBrowse.perPage < result.total && pageNumber < InitiativeBrowse.maxPage
                ? link(pageNumber + 1) : nil,
            action: InitiativesPath.browse().path, rankingPath: InitiativesPath.ranking().path, newPath: InitiativesPath.new.path)
        return try await req.render("initiatives/browse", titleKey: "initiatives.browse.title", page)
    }
}
