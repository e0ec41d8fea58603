import Vapor

/// Open data for people: a page that explains the API in plain words, with the indicators as a
/// table, and the same figures as a CSV download for a spreadsheet.
struct OpenDataController: RouteCollection {
    struct OpenDataPage: Encodable {
        var indicators: [Row]
        var targetsYear: String
        var documentPath: String
        var jsonPath: String
        var csvPath: String
    }
    struct Row: Encodable {
        var key: String
        var label: String
        var value: Int64
        var isMoney: Bool
        var target: Int64?
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(CorePath.openData, use: page)
        open.get(CorePath.api("indicators.csv"), use: csv)
    }

    func page(req: Request) async throws -> Response {
        let values = try await req.application.indicators.values(app: req.application)
        let targetsYear = try await req.application.indicatorTargets(req.application).year
        let page = OpenDataPage(
            indicators: values.map { value in
                // A feature's figure is named in its own texts; one without a name shows its key.
                let key = "indicator.\(value.key)"
                let label = req.application.catalogue.has(key) ? req.t(key, count: Int(value.value)) : value.key
                return Row(key: value.key, label: label, value: value.value, isMoney: value.unit == "euro cents", target: value.target)
            },
            targetsYear: String(targetsYear), documentPath: CorePath.api("openapi.json").path,
            jsonPath: CorePath.api("indicators").path, csvPath: CorePath.api("indicators.csv").path)
        return try await req.render("open-data", titleKey: "open_data.title", page)
    }

    /// One row per indicator, with the targets' year (`app.indicatorTargets`, as the JSON), for
    /// Dutch Excel (`CSVExport`). Counts only.
    func csv(req: Request) async throws -> Response {
        let values = try await req.application.indicators.values(app: req.application)
        let response = CSVExport.response(
            for: req, filename: "kracht-indicators.csv", header: ["indicator", "value", "unit", "target", "target_year"]
        ) { write in
            try await write(
                values.map { value in
                    let isMoney = value.unit == "euro cents"
                    let number = { (n: Int64) in isMoney ? CSVCell.euros(cents: n) : .integer(n) }
                    return [
                        .text(value.key), number(value.value), .text(isMoney ? "euro" : value.unit),
                        value.target.map(number) ?? .text(""), value.targetYear.map { .integer(Int64($0)) } ?? .text(""),
                    ]
                })
        }
        // Open data: a cache may keep it briefly (`OpenDataMiddleware` opens it to any site).
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return response
    }
}
