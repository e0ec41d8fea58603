import Foundation
import KrachtCore
import Vapor

/// The dashboard's open data in the OpenAPI document, and `/api/v1` itself: every feature's
/// public data in one list, read from that document (so a dataset is listed as soon as its
/// feature documents it).
enum DashboardAPI {
    // MARK: the index

    struct Dataset: Content, Equatable {
        /// The address under the site, with `{parameters}` as the document writes them.
        var path: String
        var summary: String
        /// `json` or `csv`.
        var format: String
        /// The path's `{parameters}`, by name (`key`, `slug`…); empty for a fixed address.
        var parameters: [String]
        var paged: Bool
    }

    struct Index: Content {
        var title: String
        /// The OpenAPI 3.1 document that describes every dataset in full.
        var openapi: String
        var maxPerPage: Int
        var datasets: [Dataset]
    }

    /// The datasets of the OpenAPI document, in path order (the index itself left out).
    static func datasets(app: Application) -> [Dataset] {
        guard case .object(let root) = OpenAPIDocument.build(app), case .object(let paths)? = root["paths"] else { return [] }
        return paths.keys.sorted().compactMap { path -> Dataset? in
            guard path != "/", case .object(let item)? = paths[path], case .object(let get)? = item["get"] else { return nil }
            var summary = ""
            if case .string(let text)? = get["summary"] { summary = text }
            var isCSV = path.hasSuffix(".csv")
            if case .object(let responses)? = get["responses"], case .object(let ok)? = responses["200"],
                case .object(let content)? = ok["content"]
            {
                isCSV = content["text/csv"] != nil && content["application/json"] == nil
            }
            let names = path.split(separator: "/").compactMap { part -> String? in
                guard part.hasPrefix("{"), part.hasSuffix("}") else { return nil }
                return String(part.dropFirst().dropLast())
            }
            var paged = false
            if case .array(let parameters)? = get["parameters"] {
                paged = parameters.contains { $0 == ["$ref": "#/components/parameters/per_page"] }
            }
            return Dataset(path: "/api/v1" + path, summary: summary, format: isCSV ? "csv" : "json", parameters: names, paged: paged)
        }
    }

    static func index(req: Request) async throws -> Index {
        Index(
            title: "Kracht open data", openapi: CorePath.api("openapi.json").path, maxPerPage: APIPage.maxPerPage,
            datasets: datasets(app: req.application))
    }

    // MARK: the document

    static func paths() -> [String: JSONValue] {
        let key: JSONValue = [
            "name": "key", "in": "path", "required": true, "description": "An indicator's key, as /indicators lists them",
            "schema": ["type": "string", "maxLength": 100],
        ]
        let day: (String, String) -> JSONValue = { name, what in
            [
                "name": .string(name), "in": "query", "required": false, "description": .string(what),
                "schema": ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"],
            ]
        }
        let from = day("from", "The first day (Amsterdam, yyyy-MM-dd), included")
        let to = day("to", "The last day (Amsterdam, yyyy-MM-dd), included")
        let notFound = json("No indicator has this key", problem)
        let point = object([
            "day": ["type": "string", "format": "date", "description": "Amsterdam day"],
            "value": ["type": "integer", "description": "The indicator's value at the end of that day (euro cents for money)"],
        ])
        let history = object(
            [
                "key": string, "unit": string, "from": nullableDay, "to": nullableDay,
                "values": ["type": "array", "items": point, "description": "One value per day, oldest first"],
            ], required: ["key", "unit", "values"])
        let target = object([
            "year": ["type": "integer"], "key": string, "target": ["type": "integer", "minimum": 0],
            "unit": ["type": "string", "description": "euro cents for money"],
        ])
        let dataset = object([
            "path": ["type": "string", "description": "Under the site; {parameters} as in the OpenAPI document"], "summary": string,
            "format": ["type": "string", "enum": ["json", "csv"]], "parameters": ["type": "array", "items": string],
            "paged": ["type": "boolean", "description": "Takes page and per_page"],
        ])
        return [
            "/": [
                "get": [
                    "operationId": "listDatasets",
                    "summary": "What the open data holds: every feature's datasets in one list, JSON or CSV",
                    "responses": [
                        "200": json(
                            "Every documented dataset (not paged)",
                            object([
                                "title": string, "openapi": ["type": "string", "description": "This API's OpenAPI document"],
                                "maxPerPage": ["type": "integer", "description": "The largest page size of a paged dataset"],
                                "datasets": ["type": "array", "items": dataset],
                            ]))
                    ],
                ]
            ],
            "/indicators/{key}/history": [
                "get": [
                    "operationId": "indicatorHistory",
                    "summary": "One indicator's value per day (daily snapshots), oldest first",
                    "parameters": [key, from, to, ["$ref": "#/components/parameters/page"], ["$ref": "#/components/parameters/per_page"]],
                    "responses": [
                        "200": json("A page of daily values (100 by default); Link and X-Total-Count tell the rest", history),
                        "400": APIPage.badRequest, "404": notFound,
                    ],
                ]
            ],
            "/indicators/{key}/history.csv": [
                "get": [
                    "operationId": "downloadIndicatorHistory",
                    "summary": "One indicator's value per day as a CSV file for a spreadsheet",
                    "description":
                        "Semicolon-separated, UTF-8 with a byte order mark, for Dutch Excel. Columns: day, indicator, value, unit; amounts in euros with a decimal comma. Every day between from and to, not paged.",
                    "parameters": [key, from, to],
                    "responses": [
                        "200": [
                            "description": "One row per day, after a header row", "content": ["text/csv": ["schema": ["type": "string"]]],
                        ],
                        "400": APIPage.badRequest, "404": notFound,
                    ],
                ]
            ],
            "/targets": [
                "get": [
                    "operationId": "listTargets",
                    "summary": "The indicators' targets of every year, as the movement's coordinators set them",
                    "responses": ["200": json("Every year's targets, by year and key (not paged)", ["type": "array", "items": target])],
                ]
            ],
        ]
    }

    private static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    private static func object(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        [
            "type": "object", "required": .array((required ?? properties.keys.sorted()).map(JSONValue.string)),
            "properties": .object(properties), "additionalProperties": false,
        ]
    }

    private static let string: JSONValue = ["type": "string"]
    private static let nullableDay: JSONValue = ["type": ["string", "null"], "format": "date"]
    private static let problem: JSONValue = ["$ref": "#/components/schemas/Problem"]
}
