import KrachtCore

/// The fund's part of the OpenAPI document: `/api/v1/fund/…`, each response with its full schema.
enum FundOpenAPI {
    static func paths() -> [String: JSONValue] {
        [
            "/fund/summary": get(
                "fundSummary", "What the Solidarity Fund raised, from how many donors, against the targets, and its balance",
                summary),
            "/fund/months": get(
                "fundMonths", "Per month: money in per source, refunds, money out per spending category and Mollie's fees", months),
            "/fund/campaigns": get("fundCampaigns", "The fund's crowdfunding campaigns with their goal and what they raised", campaigns),
        ]
    }

    private static func get(_ operationID: String, _ summary: String, _ schema: JSONValue) -> JSONValue {
        [
            "get": [
                "operationId": .string(operationID),
                "summary": .string(summary),
                "description": "Amounts are integer euro cents. The figures are at most a few seconds old.",
                "responses": ["200": ["description": "The figures", "content": ["application/json": ["schema": schema]]]],
            ]
        ]
    }

    private static let cents: JSONValue = ["type": "integer", "description": "euro cents"]

    private static func object(_ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(properties.keys.sorted().map(JSONValue.string)), "properties": .object(properties)]
    }

    static let summary = object([
        "raisedCents": ["type": "integer", "description": "Donations minus refunds, in euro cents"],
        "donors": ["type": "integer", "description": "People and organisations who gave at least once"],
        "targets": object([
            "donors": ["type": ["integer", "null"]], "raisedCents": ["type": ["integer", "null"]], "year": ["type": "integer"],
        ]),
        "balance": object([
            "holdsCents": object(["bank": cents, "mollie": cents, "cash": cents, "inKind": cents]),
            "holdsTotalCents": cents,
            "owesCents": object(["unmatchedCredits": cents, "grantsPayable": cents]),
            "owesTotalCents": cents,
            "availableCents": ["type": "integer", "description": "What the fund holds minus what it owes, in euro cents"],
        ]),
        "feesCents": cents, "refundsCents": cents, "paidOutCents": cents,
        "ticketIncomeCents": ["type": "integer", "description": "Event tickets sold (income, not gifts), in euro cents"],
        "updated": ["type": "string", "format": "date-time"],
        "url": ["type": "string", "description": "The transparency page"],
    ])

    static let months = object([
        "months": [
            "type": "array",
            "items": object([
                "month": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "description": "A month in Amsterdam"],
                "inCents": [
                    "type": "object", "description": "Donations per source (private, organisation, campaign, event, partner)",
                    "additionalProperties": ["type": "integer"],
                ],
                "refundsCents": cents, "netInCents": cents,
                "ticketIncomeCents": ["type": "integer", "description": "Event tickets sold (income, not gifts), in euro cents"],
                "outCents": [
                    "type": "object", "description": "Support paid out per spending category",
                    "additionalProperties": ["type": "integer"],
                ],
                "feesCents": cents, "totalOutCents": cents,
            ]),
        ],
        "updated": ["type": "string", "format": "date-time"],
    ])

    static let campaigns = object([
        "campaigns": [
            "type": "array",
            "items": object([
                "slug": ["type": "string"], "title": ["type": "string"], "goalCents": cents, "raisedCents": cents,
                "gifts": ["type": "integer"],
                "deadline": ["type": ["string", "null"], "description": "The last day, in Amsterdam (YYYY-MM-DD)"],
                "url": ["type": "string"],
            ]),
        ]
    ])
}
