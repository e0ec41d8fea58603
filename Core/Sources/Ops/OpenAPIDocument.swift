import Vapor

/// The OpenAPI 3.1 description of `/api/v1`; each feature adds its paths.
enum OpenAPIDocument {
    static func build(_ app: Application) -> JSONValue {
        var paths: [String: JSONValue] = [
            "/indicators": [
                "get": [
                    "operationId": "listIndicators",
                    "summary": "The movement's headline indicators with their 2025 targets",
                    "responses": [
                        "200": [
                            "description": "All indicators",
                            "content": [
                                "application/json": ["schema": ["type": "array", "items": ["$ref": "#/components/schemas/Indicator"]]]
                            ],
                        ]
                    ],
                ]
            ]
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
                "schemas": [
                    "Indicator": [
                        "type": "object",
                        "required": ["key", "value", "unit"],
                        "properties": [
                            "key": ["type": "string"],
                            "value": ["type": "integer"],
                            "unit": ["type": "string"],
                            "target": ["type": ["integer", "null"]],
                            "headlineOrder": [
                                "type": "integer",
                                "description": "Set for the home page's headline figures, in this order",
                            ],
                        ],
                    ]
                ]
            ],
        ]
    }
}
