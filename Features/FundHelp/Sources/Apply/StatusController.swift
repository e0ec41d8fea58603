import Fluent
import KrachtCore
import Vapor

/// The applicant's own page, opened by the token in their status link: no account. An unknown,
/// malformed or erased token gets the same "not found" page, and every request counts against a
/// limit per address, so links cannot be guessed (over it: "too many tries", 429, keeping a typed
/// message). It speaks the case's language unless the visitor chose one. Never cached, never
/// sent on as a referrer.
struct StatusController: RouteCollection {
    struct Page: Encodable {
        var story: CaseStory
        var token: String
        var link: String
        var messageAction: String
        var documentAction: String
        var erasePath: String
        var message = ""
        var errors = FormErrors()
        var maxMegabytes: Int
        /// Where to turn once the case is closed and takes no messages.
        var applyPath = FundHelpPath.apply.path
        var contactPath = CorePath.contact.path
    }

    static let messageLayout = FormLayout(
        id: "status-message-form", [.field("body", id: "status-message", label: "fundhelp.status.answer")])
    static let documentLayout = FormLayout(
        id: "status-document-form", [.field("documents", id: "status-documents", label: "fundhelp.apply.documents")])
    /// Status requests per address per hour: far above what one applicant needs.
    static let limiter = RateLimiter(name: "fund-help-status", limit: 120, window: 3600)

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundHelpPath.status(.key), use: show)
        open.post(FundHelpPath.statusMessage(.key), use: answer)
        open.on(.POST, FundHelpPath.statusDocument.components, body: .stream, use: addDocument)
        open.get(FundHelpPath.statusErase(.key), use: confirmErase)
        open.post(FundHelpPath.statusErase(.key), use: erase)
    }

    func show(req: Request) async throws -> Response {
        if try await Self.limited(req) { return try await Self.tooMany(req) }
        guard let application = try await Self.find(req, token: req.parameters.get("token")) else { return try await Self.missing(req) }
        return try await render(req, try await page(req, application))
    }

    func answer(req: Request) async throws -> Response {
        let body = req.formFields()?["body"]
        if try await Self.limited(req) { return try await Self.tooMany(req, message: body) }
        guard let application = try await Self.find(req, token: req.parameters.get("token")) else { return try await Self.missing(req) }
        switch try await PostAnswer(app: req.application)
            .run(applicationID: application.requireID(), body: body, author: .applicant, user: nil, language: req.language)
        {
        case .posted: return Flash.redirect(req, to: Self.statusPath(req), messageKey: "fundhelp.status.answer_sent")
        case .gone: return try await Self.missing(req)
        case .closed: return Flash.redirect(req, to: Self.statusPath(req), messageKey: "fundhelp.status.closed_refused")
        case .invalid(let message):
            var page = try await page(req, application)
            var errors = FormErrors()
            errors.add("body", message)
            page.errors = errors.on(Self.messageLayout) { req.t($0) }
            page.message = body ?? ""
            return try await render(req, page, status: .badRequest)
        }
    }

    func addDocument(req: Request) async throws -> Response {
        if try await Self.limited(req) { return try await Self.tooMany(req) }
        let settings = req.application.fundHelpSettings
        let upload = try await UploadedForm.read(req, limit: settings.maxDocuments * settings.maxDocumentBytes + UploadedForm.formOverhead)
        guard let upload, let application = try await Self.find(req, token: upload["token"]) else { return try await Self.missing(req) }
        switch try await AddDocuments(app: req.application).run(application, files: upload.files, language: req.language) {
        case .added:
            return Flash.redirect(req, to: FundHelpPath.status(.value(upload["token"]!)).path, messageKey: "fundhelp.status.document_added")
        case .gone: return try await Self.missing(req)
        case .invalid(let message):
            var page = try await page(req, application, token: upload["token"])
            var errors = FormErrors()
            errors.add("documents", message)
            page.errors = errors.on(Self.documentLayout) { req.t($0) }
            return try await render(req, page, status: .unprocessableEntity)
        }
    }

    func confirmErase(req: Request) async throws -> Response {
        if try await Self.limited(req) { return try await Self.tooMany(req) }
        guard let application = try await Self.find(req, token: req.parameters.get("token")) else { return try await Self.missing(req) }
        let page = try await page(req, application)
        return Self.private(try await req.render("fundhelp/erase", titleKey: "fundhelp.status.erase.title", page))
    }

    func erase(req: Request) async throws -> Response {
        if try await Self.limited(req) { return try await Self.tooMany(req) }
        guard let application = try await Self.find(req, token: req.parameters.get("token")) else { return try await Self.missing(req) }
        let app = req.application
        _ = try await app.db.writeTransaction { db in
            guard let locked = try await SupportApplication.locked(application.requireID(), on: db) else {
                return EraseCase.Outcome.alreadyErased
            }
            return try await EraseCase.run(locked, app: app, on: db)
        }
        return Self.private(try await req.render("fundhelp/erased", titleKey: "fundhelp.status.erased.title"))
    }

    /// Counts this request against the limit; true if it went over.
    static func limited(_ req: Request) async throws -> Bool {
        try await !limiter.hit(req.rateLimitKey, now: req.now, on: req.db)
    }

    /// The case behind a token, if the token is well-formed, known and not erased; the request then
    /// speaks the case's language unless the visitor chose one.
    static func find(_ req: Request, token: String?) async throws -> SupportApplication? {
        guard let token, (20...100).contains(token.count),
            token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        guard
            let application = try await SupportApplication.query(on: req.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first(),
            application.erasedAt == nil
        else { return nil }
        req.useLanguageUnlessChosen(application.languageValue)
        return application
    }

    struct TooMany: Encodable {
        /// The message the visitor typed, to send again from here once the wait is over.
        var message: String?
        var action: String
    }

    /// Over the limit: say so, and keep a typed message in a form that sends it again (429).
    static func tooMany(_ req: Request, message: String? = nil) async throws -> Response {
        let typed = message.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let page = TooMany(message: typed, action: req.url.path)
        let response = try await req.render(
            "fundhelp/status-limited", titleKey: "fundhelp.status.limited.title", page, status: .tooManyRequests)
        let window = limiter.window
        response.headers.replaceOrAdd(name: .retryAfter, value: String(window - Int64(req.now.timeIntervalSince1970) % window))
        return Self.private(response)
    }

    /// The one answer for a link that leads nowhere, whatever the reason.
    static func missing(_ req: Request) async throws -> Response {
        Self.private(try await req.render("fundhelp/status-missing", titleKey: "fundhelp.status.missing.title", status: .notFound))
    }

    /// A page behind a secret link: kept by no cache, and the link is not passed on to other sites.
    static func `private`(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }

    private static func statusPath(_ req: Request) -> String { FundHelpPath.status(.value(req.parameters.get("token") ?? "")).path }

    private func page(_ req: Request, _ application: SupportApplication, token: String? = nil) async throws -> Page {
        let token = token ?? req.parameters.get("token") ?? ""
        return Page(
            story: try await CaseStory.make(application, for: .applicant, req: req), token: token,
            link: FundHelpPath.status(.value(token)).url(on: req.application),
            messageAction: FundHelpPath.statusMessage(.value(token)).path + "#" + FormErrors.summaryAnchor,
            documentAction: FundHelpPath.statusDocument.path + "?_csrf=" + req.csrfToken + "#" + FormErrors.summaryAnchor,
            erasePath: FundHelpPath.statusErase(.value(token)).path,
            maxMegabytes: req.application.fundHelpSettings.maxDocumentBytes / (1024 * 1024))
    }

    private func render(_ req: Request, _ page: Page, status: HTTPStatus = .ok) async throws -> Response {
        Self.private(
            try await req.render(
                "fundhelp/status", titleKey: "fundhelp.status.title", titleArguments: ["number": page.story.number], page, status: status,
                errors: page.errors.isEmpty ? nil : page.errors, canonicalPath: FundHelpPath.status(.value(page.token)).path))
    }
}
