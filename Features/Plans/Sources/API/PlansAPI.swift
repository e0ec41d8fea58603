import KrachtCore

/// The OpenAPI description of `/api/v1/plans` (paths relative to /api/v1), each response with
/// its full schema, matching `PlanJSON` field for field.
enum PlansAPI {
    static func paths() -> [String: JSONValue] {
        let slug: JSONValue = ["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]
        return [
            "/plans": [
                "get": [
                    "operationId": "plans",
                    "summary": "Published plans, the latest published first, with their counts",
                    "parameters": APIPage.parameters,
                    "responses": ["200": json("A page of published plans (100 by default)", list), "400": APIPage.badRequest],
                ]
            ],
            "/plans/{slug}": [
                "get": [
                    "operationId": "plan",
                    "summary": "A plan's latest published version: sections, activities and the list of versions",
                    "parameters": [slug],
                    "responses": [
                        "200": json("The plan as last published", document),
                        "404": json("No published plan has this slug", problem),
                    ],
                ]
            ],
            "/plans/{slug}/versions/{number}": [
                "get": [
                    "operationId": "planVersion",
                    "summary": "One published version of a plan, as it was published",
                    "parameters": [
                        slug,
                        [
                            "name": "number", "in": "path", "required": true, "description": "The version's number, from 1",
                            "schema": ["type": "integer", "minimum": 1],
                        ],
                    ],
                    "responses": [
                        "200": json("That version", document),
                        "404": json("No published plan has this slug, or it has no such version", problem),
                    ],
                ]
            ],
        ]
    }

    private static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    private static func object(_ properties: [String: JSONValue]) -> JSONValue {
        [
            "type": "object", "required": .array(properties.keys.sorted().map(JSONValue.string)), "properties": .object(properties),
            "additionalProperties": false,
        ]
    }

    private static let string: JSONValue = ["type": "string"]
    private static let count: JSONValue = ["type": "integer", "minimum": 0]
    private static let number: JSONValue = ["type": "integer", "minimum": 1]
    private static let time: JSONValue = ["type": "string", "format": "date-time", "description": "ISO 8601, in UTC"]
    private static let id: JSONValue = ["type": "string", "format": "uuid", "description": "Stable across versions"]
    private static let url: JSONValue = ["type": "string", "format": "uri"]

    static let problem = object(["error": ["type": "boolean"], "status": ["type": "integer"], "reason": string])

    static let counts = object([
        "reactions": ["type": "integer", "minimum": 0, "description": "Visible reactions"], "supports": count, "signups": count,
        "accepted_suggestions": count, "followers": count,
    ])

    static let summary = object([
        "slug": string, "title": string, "summary": string,
        "version": ["type": "integer", "minimum": 1, "description": "The latest published version"],
        "published_at": time, "counts": counts, "url": url, "api_url": url,
    ])

    static let list = object(["total": count, "plans": ["type": "array", "items": summary]])

    static let activity = object([
        "id": id, "title": string, "description": ["type": "string", "description": "Markdown"],
        "organiser": ["type": "string", "description": "Who organises, in the plan's words"], "timing": string, "needs": string,
        "domain": ["type": ["string", "null"], "description": "A domain's code"],
        "district": ["type": ["string", "null"], "description": "A district's code; null for the whole city"],
        "support_count": ["type": "integer", "minimum": 0, "description": "People supporting it now"],
        "signup_count": ["type": "integer", "minimum": 0, "description": "People signed up to help or organise now"], "url": url,
    ])

    static let section = object([
        "id": id, "title": string, "markdown": string,
        "html": ["type": "string", "description": "The Markdown rendered and sanitised when the version was published"],
        "url": url, "activities": ["type": "array", "items": activity],
    ])

    static let version = object(["number": number, "published_at": time, "note": string, "url": url, "api_url": url])

    static let document = object([
        "slug": string, "title": string, "summary": string, "version": number, "latest_version": number, "published_at": time,
        "note": ["type": "string", "description": "What changed in this version"], "counts": counts, "url": url,
        "sections": ["type": "array", "items": section], "versions": ["type": "array", "items": version],
    ])
}
