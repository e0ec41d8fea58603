import Fluent
import KrachtCore
import Vapor

/// `/api/v1/campaigns` (with their results, counts only) and `/api/v1/partners` (active and
/// former partner organisations, nothing about any person). Both registers are small: not
/// paged, but never unbounded (`maxRows`).
struct CampaignsAPIController: RouteCollection {
    static let maxRows = 500

    struct Result: Content {
        var key: String
        var count: Int64
    }
    struct CampaignJSON: Content {
        var name, kind, description, starts_on: String
        var ends_on: String?
        var codes: [String]
        var url: String
        var results: [Result]
    }
    struct CampaignList: Content {
        var total: Int
        var campaigns: [CampaignJSON]
    }
    struct PartnerJSON: Content {
        var name, kind, since, what: String
        var ended_on: String?
        var website: String?
        var logo_url: String?
        var active: Bool
    }
    struct PartnerList: Content {
        var total: Int
        var partners: [PartnerJSON]
    }

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(CampaignsPath.apiCampaigns, use: campaigns)
        anyone.get(CampaignsPath.apiPartners, use: partners)
    }

    func campaigns(req: Request) async throws -> Response {
        let app = req.application
        let all = try await MovementCampaign.all(on: req.db)
        let shown = Array(all.prefix(Self.maxRows))
        let results = try await CampaignResults.load(shown, app: app)
        let list = try shown.map { campaign in
            let codes = campaign.codeList
            return CampaignJSON(
                name: campaign.name, kind: campaign.kind, description: campaign.description, starts_on: campaign.startsOn,
                ends_on: campaign.endsOn, codes: codes,
                url: (codes.first.map { CampaignsPath.campaign(.value($0)) } ?? CampaignsPath.list).url(on: app),
                results: (results[try campaign.requireID()] ?? []).map { Result(key: $0.key, count: $0.count) })
        }
        return try await Self.respond(CampaignList(total: all.count, campaigns: list), for: req)
    }

    func partners(req: Request) async throws -> Response {
        let app = req.application
        let today = AmsterdamTime.day(req.now)
        let all = try await Partner.query(on: req.db).sort(\.$since).sort(\.$name).all()
        let list = all.prefix(Self.maxRows).map { partner in
            PartnerJSON(
                name: partner.name, kind: partner.kind, since: partner.since, what: partner.what, ended_on: partner.endedOn,
                website: partner.website, logo_url: partner.logo.map { CampaignsPath.logo(.value($0)).url(on: app) },
                active: partner.isActive(on: today))
        }
        return try await Self.respond(PartnerList(total: all.count, partners: Array(list)), for: req)
    }

    /// Open data: the same for everyone, from any site, briefly cacheable.
    static func respond(_ body: some Content, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }

    /// The OpenAPI paths, relative to /api/v1.
    static func paths() -> [String: JSONValue] {
        let day: JSONValue = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
        let nullableDay: JSONValue = ["type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
        let campaign: JSONValue = [
            "type": "object",
            "required": ["name", "kind", "description", "starts_on", "ends_on", "codes", "url", "results"],
            "properties": [
                "name": ["type": "string"],
                "kind": ["type": "string", "enum": .array(MovementCampaign.Kind.allCases.map { .string($0.rawValue) })],
                "description": ["type": "string"], "starts_on": day, "ends_on": nullableDay,
                "codes": ["type": "array", "items": ["type": "string", "pattern": "^[a-z0-9-]{2,40}$"]],
                "url": ["type": "string"],
                "results": [
                    "type": "array",
                    "description":
                        "Per feature that counts referrals (signatures, gifts, registrations, subscriptions): the count over the campaign's codes",
                    "items": [
                        "type": "object", "required": ["key", "count"],
                        "properties": ["key": ["type": "string"], "count": ["type": "integer", "minimum": 0]],
                    ],
                ],
            ],
        ]
        let partner: JSONValue = [
            "type": "object",
            "required": ["name", "kind", "since", "what", "ended_on", "website", "logo_url", "active"],
            "properties": [
                "name": ["type": "string"],
                "kind": ["type": "string", "enum": .array(Partner.Kind.allCases.map { .string($0.rawValue) })],
                "since": day, "ended_on": nullableDay, "what": ["type": "string"],
                "website": ["type": ["string", "null"]], "logo_url": ["type": ["string", "null"]], "active": ["type": "boolean"],
            ],
        ]
        func list(_ name: String, _ item: JSONValue, operation: String, summary: String) -> JSONValue {
            [
                "get": [
                    "operationId": .string(operation),
                    "summary": .string(summary),
                    "responses": [
                        "200": [
                            "description": .string("The register (at most \(maxRows) rows, not paged)"),
                            "content": [
                                "application/json": [
                                    "schema": [
                                        "type": "object", "required": ["total", .string(name)],
                                        "properties": [
                                            "total": ["type": "integer", "minimum": 0], name: ["type": "array", "items": item],
                                        ],
                                    ]
                                ]
                            ],
                        ]
                    ],
                ]
            ]
        }
        return [
            "/campaigns": list(
                "campaigns", campaign, operation: "listCampaigns",
                summary: "The movement's campaigns with their ref codes and results attributed through those codes across every feature"),
            "/partners": list("partners", partner, operation: "listPartners", summary: "The movement's partner organisations"),
        ]
    }
}
