import Fluent
import Foundation
import KrachtCore
import Vapor

/// The coordinators' targets page, and the indicators' history and targets as open data.
struct DashboardDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(DashboardPath.targets(), use: targetsPage)
        coordinators.post(DashboardPath.saveTargets, use: saveTargets)
        let open = routes.access(.anyone)
        open.get(DashboardPath.apiIndex, use: DashboardAPI.index)
        open.get(DashboardPath.apiHistory(.key), use: history)
        open.get(DashboardPath.apiHistoryCSV(.key), use: historyCSV)
        open.get(DashboardPath.apiTargets, use: targets)
    }

    // MARK: targets page

    struct TargetsPage: Encodable {
        struct Year: Encodable {
            var year: Int
            var path: String
            var isShown: Bool
        }
        struct Field: Encodable {
            var key, name, label, unit, value: String
            var isMoney: Bool
            var error: String?
        }
        var year: Int
        var years: [Year]
        var fields: [Field]
        var savePath: String
        var currentYear: Int
        var errors: FormErrors?
    }

    func targetsPage(req: Request) async throws -> Response {
        let shown = req.queryInt("jaar")
        let page = try await load(req: req, year: shown, submitted: nil, problems: [])
        return try await req.render(
            "dashboard/dashboard-targets", titleKey: "dashboard.targets.title", titleArguments: ["year": String(page.year)], page)
    }

    func load(req: Request, year requested: Int?, submitted: [String: String]?, problems: [SaveTargets.Problem]) async throws
        -> TargetsPage
    {
        let app = req.application
        let years = try await DashboardTargets.all(app: app)
        let current = try await DashboardTargets.current(app: app).year
        let year = requested.flatMap { DashboardTargets.years.contains($0) ? $0 : nil } ?? current
        let targets = years[year] ?? [:]
        let messages = Dictionary(problems.map { ($0.field, req.t($0.messageKey)) }, uniquingKeysWith: { a, _ in a })
        let fields = DashboardTargets.formKeys(app: app, having: targets).map { entry -> TargetsPage.Field in
            let name = SaveTargets.field(entry.key)
            let isMoney = entry.unit == "euro cents"
            let stored = targets[entry.key].map { isMoney ? String($0 / 100) : String($0) } ?? ""
            let labelKey = "indicator.\(entry.key)"
            let label = app.catalogue.has(labelKey) ? req.t(labelKey, count: 2) : entry.key
            return TargetsPage.Field(
                key: entry.key, name: name, label: label, unit: isMoney ? "€" : "", value: submitted?[name] ?? stored,
                isMoney: isMoney, error: messages[name])
        }
        var errors: FormErrors?
        if !problems.isEmpty {
            var all = FormErrors()
            for problem in problems { all.add(problem.field, req.t(problem.messageKey)) }
            errors = all
        }
        let yearList = Set(years.keys).union([year]).sorted().map {
            TargetsPage.Year(year: $0, path: DashboardPath.targets(year: $0).path, isShown: $0 == year)
        }
        return TargetsPage(
            year: year, years: yearList, fields: fields, savePath: DashboardPath.saveTargets.path, currentYear: current,
            errors: errors)
    }

    func saveTargets(req: Request) async throws -> Response {
        guard let form = req.formFields() else { throw Abort(.payloadTooLarge) }
        let user = try req.requireUser()
        let yearText = form["jaar"] ?? ""
        if form["actie"] == "nieuw-jaar" {
            let outcome = try await StartTargetYear(app: req.application).run(year: nil, by: user)
            switch outcome {
            case .started(let year, _):
                return Flash.redirect(req, to: DashboardPath.targets(year: year), messageKey: "dashboard.targets.year_started")
            case .alreadyExists(let year):
                return Flash.redirect(req, to: DashboardPath.targets(year: year), messageKey: "dashboard.targets.year_exists")
            case .invalidYear:
                return try await invalid(
                    req, year: nil, form: [:], [SaveTargets.Problem(field: "jaar", messageKey: "dashboard.targets.error.year")])
            }
        }
        guard yearText.count <= 6, let year = Int(yearText) else {
            return try await invalid(
                req, year: nil, form: [:], [SaveTargets.Problem(field: "jaar", messageKey: "dashboard.targets.error.year")])
        }
        var fields: [String: String] = [:]
        for pair in form.pairs where pair.name.hasPrefix("doel-") { fields[pair.name] = pair.value }
        switch try await SaveTargets(app: req.application).run(year: year, fields: fields, by: user) {
        case .saved(let year, _):
            return Flash.redirect(req, to: DashboardPath.targets(year: year), messageKey: "dashboard.targets.saved")
        case .invalid(let problems):
            return try await invalid(req, year: year, form: fields, problems)
        }
    }

    private func invalid(_ req: Request, year: Int?, form: [String: String], _ problems: [SaveTargets.Problem]) async throws -> Response {
        let page = try await load(req: req, year: year, submitted: form, problems: problems)
        return try await req.render(
            "dashboard/dashboard-targets", titleKey: "dashboard.targets.title", titleArguments: ["year": String(page.year)], page,
            status: .badRequest, errors: page.errors, canonicalPath: DashboardPath.targets(year: page.year).path)
    }

    // MARK: open data

    struct HistoryBody: Content {
        var key: String
        var unit: String
        var from: String?
        var to: String?
        var values: [DashboardPoint]
    }

    struct TargetBody: Content {
        var year: Int
        var key: String
        var target: Int64
        var unit: String
    }

    /// The key and the `from`/`to` days of a history request, checked.
    private func historyQuery(_ req: Request) throws -> (key: String, unit: String, from: String?, to: String?) {
        guard let key = req.parameters.get("key"), key.count <= 100,
            let unit = DashboardBoard.keys(app: req.application).first(where: { $0.key == key })?.unit
        else {
            throw APIProblem(.notFound, reason: "no indicator with this key")
        }
        func day(_ name: String) throws -> String? {
            guard let raw = req.queryValue(name) else { return nil }
            guard raw.count == 10, AmsterdamTime.parseDay(raw) != nil else {
                throw APIProblem(parameter: name, reason: "\(name) must be a day written yyyy-MM-dd")
            }
            return raw
        }
        return (key, unit, try day("from"), try day("to"))
    }

    func history(req: Request) async throws -> Response {
        let query = try historyQuery(req)
        let page = try APIPage(req, defaultPerPage: APIPage.maxPerPage)
        let app = req.application
        let values = try await DashboardBoard.history(
            key: query.key, from: query.from, to: query.to, offset: page.offset, limit: page.limit, app: app)
        let total = try await DashboardBoard.historyCount(key: query.key, from: query.from, to: query.to, app: app)
        let response = try await HistoryBody(key: query.key, unit: query.unit, from: query.from, to: query.to, values: values)
            .encodeResponse(for: req)
        page.describe(total: total, in: response, for: req)
        return response
    }

    func historyCSV(req: Request) async throws -> Response {
        let query = try historyQuery(req)
        let app = req.application
        let values = try await DashboardBoard.history(key: query.key, from: query.from, to: query.to, app: app)
        let isMoney = query.unit == "euro cents"
        return CSVExport.response(for: req, filename: "kracht-\(query.key)-history.csv", header: ["day", "indicator", "value", "unit"]) {
            write in
            try await write(
                values.map { point in
                    [
                        .text(point.day), .text(query.key), isMoney ? CSVCell.euros(cents: point.value) : .integer(point.value),
                        .text(isMoney ? "euro" : query.unit),
                    ]
                })
        }
    }

    func targets(req: Request) async throws -> [TargetBody] {
        let app = req.application
        let units = Dictionary(DashboardBoard.keys(app: app).map { ($0.key, $0.unit) }, uniquingKeysWith: { first, _ in first })
        return try await DashboardTargets.all(app: app).flatMap { year, targets in
            targets.map { TargetBody(year: year, key: $0.key, target: $0.value, unit: units[$0.key] ?? "") }
        }.sorted { ($0.year, $0.key) < ($1.year, $1.key) }
    }
}
