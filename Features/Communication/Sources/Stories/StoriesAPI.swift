import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/api/v1/stories` (paged, `APIPage`) and `/api/v1/stories.csv`: the online stories, nothing
/// of their consents or of who wrote them.
extension StoryController {
    struct StoryJSON: Content {
        var slug, title, summary, url: String
        var domain, district, campaign, photo_url, published_at: String?
    }
    struct StoryList: Content {
        var total: Int
        var stories: [StoryJSON]
    }
    /// Open data: the same for everyone; briefly, so a withdrawn consent is soon gone everywhere.
    static let apiCacheControl = "public, max-age=5"

    /// Online stories in a stable order for paging: newest first, then by slug.
    static func onlineInOrder(on db: any Database) async throws -> [Story] {
        try await Story.online(on: db).sorted { a, b in
            let (x, y) = (a.publishedAt ?? .distantPast, b.publishedAt ?? .distantPast)
            return x != y ? x > y : a.slug < b.slug
        }
    }

    func json(_ story: Story, app: Application, formatter: ISO8601DateFormatter) -> StoryJSON {
        StoryJSON(
            slug: story.slug, title: story.title, summary: story.summary, url: StoriesPath.story(.value(story.slug)).url(on: app),
            domain: story.domain, district: story.district, campaign: story.campaign,
            photo_url: story.photo.map { app.config.baseURL + photoPath($0.file(atMost: 1600)) },
            published_at: story.publishedAt.map { formatter.string(from: $0) })
    }

    func api(req: Request) async throws -> Response {
        let paging = try APIPage(req)
        let app = req.application
        let stories = try await Self.onlineInOrder(on: req.db)
        let formatter = ISO8601DateFormatter()
        let shown = stories.dropFirst(min(paging.offset, stories.count)).prefix(paging.perPage)
        let response = try await StoryList(total: stories.count, stories: shown.map { json($0, app: app, formatter: formatter) })
            .encodeResponse(for: req)
        paging.describe(total: stories.count, in: response, for: req)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        response.headers.replaceOrAdd(name: .cacheControl, value: Self.apiCacheControl)
        return response
    }

    /// Every online story, one row each, for Dutch Excel (`CSVExport`); not paged.
    func csv(req: Request) async throws -> Response {
        let app = req.application
        let rows = try await Self.onlineInOrder(on: req.db).map { story -> [CSVCell] in
            let row = json(story, app: app, formatter: ISO8601DateFormatter())
            return [
                .text(row.slug), .text(row.title), .text(row.summary), .text(row.url), .text(row.domain ?? ""),
                .text(row.district ?? ""), .text(row.campaign ?? ""), .text(row.photo_url ?? ""), .time(story.publishedAt),
            ]
        }
        let response = CSVExport.response(
            for: req, filename: "kracht-verhalen.csv",
            header: ["slug", "title", "summary", "url", "domain", "district", "campaign", "photo_url", "published_at"]
        ) { write in try await write(rows) }
        response.headers.replaceOrAdd(name: .cacheControl, value: Self.apiCacheControl)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return response
    }

    static func openAPIPaths() -> [String: JSONValue] {
        let nullable: JSONValue = ["type": ["string", "null"]]
        let story: JSONValue = [
            "type": "object",
            "required": ["slug", "title", "summary", "url", "domain", "district", "campaign", "photo_url", "published_at"],
            "properties": [
                "slug": ["type": "string"], "title": ["type": "string"], "summary": ["type": "string"], "url": ["type": "string"],
                "domain": nullable, "district": nullable, "campaign": nullable, "photo_url": nullable,
                "published_at": ["type": ["string", "null"], "format": "date-time"],
            ],
        ]
        return [
            "/stories": [
                "get": [
                    "operationId": "listStories",
                    "summary": "The movement's stories that are online (published, with the web consent of every person in them)",
                    "parameters": APIPage.parameters,
                    "responses": [
                        "200": [
                            "description": .string(
                                "A page of the stories online, newest first (\(APIPage.defaultPerPage) by default); total counts them all"),
                            "content": [
                                "application/json": [
                                    "schema": [
                                        "type": "object", "required": ["total", "stories"],
                                        "properties": [
                                            "total": ["type": "integer", "minimum": 0], "stories": ["type": "array", "items": story],
                                        ],
                                    ]
                                ]
                            ],
                        ],
                        "400": APIPage.badRequest,
                    ],
                ]
            ],
            "/stories.csv": [
                "get": [
                    "operationId": "downloadStories",
                    "summary": "The same stories as a CSV file for a spreadsheet",
                    "description":
                        "Semicolon-separated, UTF-8 with a byte order mark, for Dutch Excel. Columns: slug, title, summary, url, domain, district, campaign, photo_url, published_at (Amsterdam time). Every story online, newest first, not paged.",
                    "responses": [
                        "200": [
                            "description": "One row per story, after a header row", "content": ["text/csv": ["schema": ["type": "string"]]],
                        ]
                    ],
                ]
            ],
        ]
    }
}
