import KrachtCore

/// The OpenAPI description of `/api/v1/initiatives` (paths relative to /api/v1), each response
/// with its full schema.
enum InitiativesAPI {
    static func paths() -> [String: JSONValue] {
        [
            "/initiatives": [
                "get": [
                    "operationId": "initiatives",
                    "summary": "Public initiatives with their figures and open actions, by name, paginated",
                    "parameters": [
                        ["$ref": "#/components/parameters/page"], ["$ref": "#/components/parameters/per_page"],
                        query("domain", "Only initiatives in this domain (slug; an unknown one matches nothing)", ["type": "string"]),
                        query("district", "Only initiatives in this district (slug; an unknown one matches nothing)", ["type": "string"]),
                        query(
                            "under_flag", "Only initiatives that do (true) or do not (false) run under the movement's flag",
                            ["type": "string", "enum": ["true", "false", "1", "0"]]),
                    ],
                    "responses": [
                        "200": json("A page of initiatives", list),
                        "400": json("A parameter is not valid", problem),
                    ],
                ]
            ],
            "/initiatives/{slug}": [
                "get": [
                    "operationId": "initiative",
                    "summary": "One public initiative with its figures and open actions",
                    "parameters": [
                        ["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]
                    ],
                    "responses": [
                        "200": json("The initiative", initiative),
                        "404": json("No public initiative has this slug", problem),
                    ],
                ]
            ],
        ]
    }

    private static func query(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    private static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    private static func object(_ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(properties.keys.sorted().map(JSONValue.string)), "properties": .object(properties)]
    }

    private static let string: JSONValue = ["type": "string"]
    private static let nullableString: JSONValue = ["type": ["string", "null"]]
    private static let integer: JSONValue = ["type": "integer"]
    private static let strings: JSONValue = ["type": "array", "items": string]

    static let problem = object(["error": ["type": "boolean"], "status": integer, "reason": string])

    static let action = object([
        "id": ["type": "string", "format": "uuid"], "title": string,
        "kind": ["type": "string", "enum": ["task", "shift", "role"]],
        "starts_at": ["type": ["string", "null"], "format": "date-time"],
        "weekday": ["type": ["integer", "null"], "minimum": 1, "maximum": 7, "description": "1 = Monday, for a weekly shift"],
        "day_part": nullableString, "online": ["type": "boolean"], "district": nullableString, "area": nullableString,
        "places": integer, "places_left": integer, "skills": strings,
    ])

    static let initiative = object([
        "slug": string, "name": string, "summary": string, "district": nullableString, "area": nullableString,
        "domains": strings, "policy_agendas": strings, "under_flag": ["type": "boolean"], "url": string,
        "volunteer_minutes": ["type": "integer", "description": "Confirmed volunteer minutes"],
        "value_cents": ["type": "integer", "description": "The confirmed hours' value at the CBS average hourly wage, in euro cents"],
        "people_reached": integer, "people_connected": integer,
        "actions": ["type": "array", "items": action, "description": "Its open actions"],
    ])

    static let list = object([
        "page": integer, "per_page": integer, "total": integer, "initiatives": ["type": "array", "items": initiative],
    ])
}
