import Fluent
import KrachtCore
import Vapor

/// The treasurer uploads the bank's statement (CAMT.053 or MT940) and sees what came of it:
/// how many lines were matched, queued, imported before, or are no gifts.
struct StatementController: RouteCollection {
    struct SkippedRow: Encodable {
        var line: Int
        var amount: String
        var reason: String
    }
    struct ImportRow: Encodable {
        var when, file, by: String
        var matched, queued, duplicates, skipped: Int
    }
    struct Page: Encodable {
        var errors = FormErrors()
        var result: String?
        var counts: [String] = []
        var skipped: [SkippedRow] = []
        var imports: [ImportRow] = []
        var maxSize: String
        var queuePath = FundPath.adminQueue.path
        var adminPath = FundPath.admin.path
        var importPath = FundPath.adminImport.path
        /// The form's action, with its token: the streamed upload's body is not read for it.
        var uploadAction = ""
    }

    static let layout = FormLayout(id: "statement-form", [.field("statement", id: "statement-file", label: "fund.bank.file")])

    let app: Application

    func boot(routes: any RoutesBuilder) throws {
        let treasurer = routes.access(.role(.treasurer))
        // The upload is streamed: nothing reads its body before the access check has passed (the
        // form token comes in the query), and the route counts the bytes itself, so the global
        // body limit does not apply to it and a file over the limit is told so in words.
        app.streamedUploadPaths.insert(FundPath.adminImport.path)
        try routes.register(collection: QueueController())
        treasurer.get(FundPath.adminImport, use: show)
        treasurer.on(.POST, FundPath.adminImport.components, body: .stream, use: upload)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, Page(maxSize: StatementReader.megabytes(req.application.bankStatementSettings.maxBytes)))
    }

    func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let maxBytes = req.application.bankStatementSettings.maxBytes
        var page = Page(maxSize: StatementReader.megabytes(maxBytes))
        let url: URL, fileName: String
        switch try await StatementUpload.receive(req, maxBytes: maxBytes) {
        case .noFile:
            page.errors.add("statement", req.t("fund.bank.error.no_file"))
            return try await render(req, page, status: .badRequest)
        case .tooLarge(let size):
            let problem = StatementProblem(
                "too_large", ["size": StatementReader.megabytes(size), "max": StatementReader.megabytes(maxBytes)])
            page.errors.add("statement", req.t(problem.key, problem.arguments))
            return try await render(req, page, status: .unprocessableEntity)
        case .file(let file, let name): (url, fileName) = (file, name)
        }
        defer { try? FileManager.default.removeItem(at: url) }
        switch try await ImportStatement(app: req.application).run(.file(url), fileName: fileName, by: user.id) {
        case .refused(let problem):
            page.errors.add("statement", req.t(problem.key, problem.arguments))
            return try await render(req, page, status: .unprocessableEntity)
        case .imported(let summary):
            page.result = req.t("fund.bank.result", ["file": fileName])
            page.counts = [
                req.t("fund.bank.matched", count: summary.matched), req.t("fund.bank.queued", count: summary.queued),
                req.t("fund.bank.duplicates", count: summary.duplicates), req.t("fund.bank.debits", count: summary.debits),
                req.t("fund.bank.skipped", count: summary.skipped.count),
            ]
            page.skipped = summary.skipped.prefix(100).map {
                SkippedRow(
                    line: $0.fileLine, amount: Self.amount($0.amountCents, $0.currency, req.language),
                    reason: req.t("fund.bank.skip.\($0.reason.rawValue)"))
            }
            return try await render(req, page)
        }
    }

    func render(_ req: Request, _ page: Page, status: HTTPStatus = .ok) async throws -> Response {
        var page = page
        // The token is URL-safe (letters, digits, - and _): no escaping needed.
        page.uploadAction = FundPath.adminImport.path + "?" + CSRFMiddleware.fieldName + "=" + req.csrfToken
        if !page.errors.isEmpty { page.errors = page.errors.on(Self.layout, { req.t($0) }) }
        let imports = try await StatementImport.query(on: req.db).sort(\.$importedAt, .descending).limit(10).all()
        let people = try await User.query(on: req.db).filter(\.$id ~~ imports.compactMap(\.importedBy)).all()
        let names = Dictionary(people.compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { a, _ in a })
        page.imports = imports.map {
            ImportRow(
                when: AmsterdamTime.date($0.importedAt, in: req.language), file: $0.fileName,
                by: $0.importedBy.flatMap { names[$0] } ?? req.t("fund.bank.by_command"), matched: $0.matched, queued: $0.queued,
                duplicates: $0.duplicates, skipped: $0.skipped)
        }
        return try await req.render("fund/admin/import", titleKey: "fund.bank.title", page, status: status, errors: page.errors)
    }

    /// "€ 12,50", or "USD 12,50" for another currency.
    static func amount(_ cents: Int64, _ currency: String, _ language: Language) -> String {
        let euro = Money.format(cents: cents, in: language)
        return currency == "EUR" ? euro : euro.replacingOccurrences(of: "€ ", with: "€").replacingOccurrences(of: "€", with: currency + " ")
    }
}
