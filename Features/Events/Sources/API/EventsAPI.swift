import KrachtCore

/// The OpenAPI description of `/api/v1/events` (paths relative to /api/v1), each response with its full schema.
enum EventsAPI {
    static func paths() -> [String: JSONValue] {
        [
            "/events": [
                "get": [
                    "operationId": "events",
                    "summary": "Upcoming events (cancelled ones marked so) by start, 50 per page",
                    "parameters": APIPage.parameters,
                    "responses": [
                        "200": json("A page of upcoming events", list),
                        "400": json("A parameter is not valid", problem),
                    ],
                ]
            ],
            "/events/{slug}": [
                "get": [
                    "operationId": "event",
                    "summary": "One event, past or upcoming",
                    "parameters": [["name": "slug", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": [
                        "200": json("The event", event),
                        "404": json("No event has this slug", problem),
                    ],
                ]
            ],
        ]
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
    private static let boolean: JSONValue = ["type": "boolean"]
    private static let time: JSONValue = ["type": "string", "format": "date-time", "description": "ISO 8601, in UTC"]

    static let problem = object(["error": boolean, "status": integer, "reason": string])

    static let event = object([
        "slug": string, "title": string, "description": string,
        "kind": ["type": "string", "enum": ["launch", "benefit", "action_day", "meetup", "other"]],
        "status": ["type": "string", "enum": ["scheduled", "cancelled"]],
        "starts_at": time, "ends_at": time, "registration_deadline": time,
        "time_zone": ["type": "string", "description": "Where it is held: Europe/Amsterdam"],
        "venue": string, "address": string, "district": nullableString, "area": nullableString,
        "online_url": nullableString, "initiative": ["type": ["string", "null"], "description": "The slug of its initiative"],
        "step_free": boolean, "hearing_loop": boolean, "quiet_room": boolean,
        "capacity": integer, "places_left": integer, "waitlisted": integer, "attended": integer,
        "ticket_price_cents": ["type": "integer", "description": "0 = free; else the price per person in euro cents"],
        "url": string, "calendar_url": ["type": "string", "description": "The event as an iCalendar file"],
    ])

    static let list = object([
        "page": integer, "per_page": integer, "total": integer, "events": ["type": "array", "items": event],
    ])
}
