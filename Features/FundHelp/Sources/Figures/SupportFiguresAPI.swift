import Foundation
import Fund
import KrachtCore
import Vapor

/// `GET /api/v1/fund/support`: the fund's help in anonymous figures. A figure that could point at
/// fewer than five people is `null` (never left out, never a made-up number); the schema says so.
enum SupportFiguresAPI {
    struct Figures: Content {
        var applications, granted, declined, referred: Int64?
        var askedCents, grantedCents, paidCents: Int64?

        init(_ shown: SupportFigures.Shown) {
            (applications, granted, declined, referred) = (shown.applications, shown.granted, shown.declined, shown.referred)
            (askedCents, grantedCents, paidCents) = (shown.askedCents, shown.grantedCents, shown.paidCents)
        }

        /// `null`, not left out: every field is in the schema's `required`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            for (key, value) in [
                (CodingKeys.applications, applications), (.granted, granted), (.declined, declined), (.referred, referred),
                (.askedCents, askedCents), (.grantedCents, grantedCents), (.paidCents, paidCents),
            ] { try container.encode(value, forKey: key) }
        }
    }
    struct Category: Content {
        var category: String
        var figures: Figures
    }
    struct Body: Content {
        var categories: [Category]
        var total: Figures
        var medianDaysToDecision, medianDaysToPayout: Double?
        var smallCountThreshold: Int64
        var updated, url: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(categories, forKey: .categories)
            try container.encode(total, forKey: .total)
            try container.encode(medianDaysToDecision, forKey: .medianDaysToDecision)
            try container.encode(medianDaysToPayout, forKey: .medianDaysToPayout)
            try container.encode(smallCountThreshold, forKey: .smallCountThreshold)
            try container.encode(updated, forKey: .updated)
            try container.encode(url, forKey: .url)
        }
    }

    static func body(_ figures: SupportFigures, app: Application) -> Body {
        let shown = figures.shown()
        return Body(
            categories: SupportApplication.Category.allCases.map {
                Category(category: $0.rawValue, figures: Figures(shown.byCategory[$0]!))
            },
            total: Figures(shown.total), medianDaysToDecision: figures.medianDaysToDecision,
            medianDaysToPayout: figures.medianDaysToPayout, smallCountThreshold: SmallCount.threshold,
            updated: ISO8601DateFormatter().string(from: figures.updated), url: FundPath.report.url(on: app))
    }

    // MARK: the OpenAPI description

    static func paths() -> [String: JSONValue] {
        [
            "/fund/support": [
                "get": [
                    "operationId": "fundSupport",
                    "summary":
                        "The Solidarity Fund's help: requests, outcomes and amounts per kind of support, and how long decisions take",
                    "description": .string(
                        "Counts of cases since the fund began, erased cases included (they keep an anonymous record). Amounts are integer euro cents. "
                            + "So that no one can be recognised, a count under 5 is null (read it as \"fewer than 5\"), the amounts of such a group are null too, "
                            + "and a total is null when the categories hiding that figure hold 1 to 4 cases between them. "
                            + "The figures are at most a few seconds old."),
                    "responses": ["200": ["description": "The figures", "content": ["application/json": ["schema": schema]]]],
                ]
            ]
        ]
    }

    private static func nullable(_ description: String) -> JSONValue {
        ["type": ["integer", "null"], "minimum": 0, "description": .string(description)]
    }

    private static func object(_ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(properties.keys.sorted().map(JSONValue.string)), "properties": .object(properties)]
    }

    static let figures = object([
        "applications": nullable("Requests made; null: fewer than 5"),
        "granted": nullable("Requests granted (paid out or awaiting payout); null: fewer than 5"),
        "declined": nullable("Requests declined; null: fewer than 5"),
        "referred": nullable("Requests referred to another organisation; null: fewer than 5"),
        "askedCents": nullable("Amount asked, euro cents; null when the requests are fewer than 5"),
        "grantedCents": nullable("Amount granted, euro cents; null when the grants are fewer than 5"),
        "paidCents": nullable("Amount paid out, euro cents; null when fewer than 5 cases were paid"),
    ])

    static let schema = object([
        "categories": [
            "type": "array",
            "items": object([
                "category": ["type": "string", "enum": .array(SupportApplication.Category.allCases.map { .string($0.rawValue) })],
                "figures": figures,
            ]),
        ],
        "total": figures,
        "medianDaysToDecision": [
            "type": ["number", "null"], "description": "Median days from request to decision; null with fewer than 5 decisions",
        ],
        "medianDaysToPayout": [
            "type": ["number", "null"], "description": "Median days from request to payout; null with fewer than 5 payouts",
        ],
        "smallCountThreshold": ["type": "integer", "description": "Counts under this number are null"],
        "updated": ["type": "string", "format": "date-time"],
        "url": ["type": "string", "description": "The fund's transparency page"],
    ])
}
