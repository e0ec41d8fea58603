import Vapor

/// The OpenAPI 3.1 description of `/api/v1`; each feature adds its paths.
public enum OpenAPIDocument {
    public static func build(_ app: Application) -> JSONValue {
        var paths: [String: JSONValue] = [
            "/indicators": [
                "get": [
                    "operationId": "listIndicators",
                    "summary": "The movement's indicators with their targets of the current target year",
                    "responses": [
                        "200": [
                            "description": "All indicators",
                            "content": [
                                "application/json": ["schema": ["type": "array", "items": ["$ref": "#/components/schemas/Indicator"]]]
                            ],
                        ]
                    ],
                ]
            ],
            "/indicators.csv": [
                "get": [
                    "operationId": "downloadIndicators",
                    "summary": "The same indicators as a CSV file for a spreadsheet, with their targets and the targets' year",
                    "description":
                        "Semicolon-separated, UTF-8 with a byte order mark, for Dutch Excel. Columns: indicator, value, unit, target, target_year; amounts in euros with a decimal comma.",
                    "responses": [
                        "200": [
                            "description": "One row per indicator, after a header row",
                            "content": ["text/csv": ["schema": ["type": "string"]]],
                        ]
                    ],
                ]
            ],
        ]
        for feature in app.features { paths.merge(feature.openAPIPaths()) { a, _ in a } }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Kracht open data", "version": "1.0.0",
                "description": "Open data of De Kracht van Mokum. Counts only; no personal data.",
            ],
            "servers": [["url": .string(app.config.baseURL + "/api/v1")]],
            "paths": .object(paths),
            "components": [
                // Shared by every paginated list (`APIPage`) and every error (`APIProblem`).
                "parameters": APIPage.parameterComponents,
                "responses": [
                    "BadRequest": [
                        "description": "A query parameter was malformed or out of range; nothing was read or stored",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
                    ]
                ],
                "schemas": [
                    "Problem": APIProblem.schema,
                    "Indicator": [
                        "type": "object",
                        "required": ["key", "value", "unit"],
                        "properties": [
                            "key": ["type": "string"],
                            "value": ["type": "integer"],
                            "unit": ["type": "string"],
                            "target": ["type": ["integer", "null"]],
                            "targetYear": [
                                "type": ["integer", "null"],
                                "description": "The year of target: the current target year, which coordinators set",
                            ],
                            "headlineOrder": [
                                "type": "integer",
                                "description": "Set for the home page's headline figures, in this order",
                            ],
                        ],
                    ],
                ],
            ],
        ]
    }
}
