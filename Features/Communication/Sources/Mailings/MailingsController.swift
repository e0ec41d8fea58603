import Fluent
import KrachtCore
import Vapor

/// Coordinators' pages (list, write, preview, test to oneself, confirm and send) and the public
/// archive of sent mailings. Thin: every change is a command (`MailingCommands.swift`).
struct MailingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(MailingsPath.manage, use: list)
        coordinators.get(MailingsPath.new, use: newForm)
        coordinators.post(MailingsPath.new, use: create)
        coordinators.get(MailingsPath.edit(.key), use: editForm)
        coordinators.post(MailingsPath.edit(.key), use: save)
        coordinators.get(MailingsPath.preview(.key), use: preview)
        coordinators.post(MailingsPath.sendTest(.key), use: sendTest)
        coordinators.get(MailingsPath.send(.key), use: confirmSend)
        coordinators.post(MailingsPath.send(.key), use: send)
        let open = routes.access(.anyone)
        open.get(MailingsPath.archive, use: archive)
        open.get(MailingsPath.archived(.key), use: archived)
    }

    // MARK: list

    struct ListRow: Encodable {
        var subject: String
        var href: String
        var date: String
        /// The progress of one sending, the result of one sent.
        var note = ""
    }

    struct ListPage: Encodable {
        var new: String
        var archive: String
        var drafts: [ListRow]
        var sending: [ListRow]
        var sent: [ListRow]
    }

    func list(req: Request) async throws -> Response {
        let mailings = try await Mailing.query(on: req.db).sort(\.$updatedAt, .descending).limit(500).all()
        var page = ListPage(
            new: MailingsPath.new.path, archive: MailingsPath.archive.path, drafts: [], sending: [], sent: [])
        for mailing in mailings {
            let id = try mailing.requireID()
            var row = ListRow(
                subject: mailing.subject, href: MailingsPath.edit(.value(id)).path,
                date: AmsterdamTime.date(mailing.finishedAt ?? mailing.startedAt ?? mailing.updatedAt, in: req.language))
            let total = String(mailing.total)
            switch mailing.status {
            case .draft: page.drafts.append(row)
            case .sending:
                let progress = try await MailingSender.progress(id, on: req.db)
                row.note = req.t(
                    "mailings.progress", ["handed": String(progress.handed), "total": total, "sent": String(progress.sent)])
                page.sending.append(row)
            case .sent:
                row.href = MailingsPath.archived(.value(id)).path
                row.note = req.t(
                    "mailings.result", ["sent": String(mailing.sentCount), "failed": String(mailing.failedCount), "total": total])
                page.sent.append(row)
            }
        }
        return try await req.render("communication/mailing-list", titleKey: "mailings.title", page)
    }

    // MARK: write

    struct FormPage: Encodable {
        var action: String
        var subject: String
        var body: String
        var districts: [CheckChoice]
        var domains: [CheckChoice]
        var audiences: [CheckChoice]
        var errors: FormErrors
        var isNew: Bool
        /// "Reaches N subscribers" for a saved draft.
        var reach: String?
        var preview: String?
        var send: String?
        var manage: String
        var maxSubject: Int
    }

    private func formPage(_ req: Request, _ form: MailingForm, id: UUID?, errors: FormErrors = FormErrors()) async throws -> FormPage {
        var reach: String?
        if let id, errors.isEmpty {
            let count = try await form.segment.count(app: req.application)
            reach = req.t("mailings.reach", count: count, ["count": String(count)])
        }
        let interests = InterestChoices(req, districts: form.districts, domains: form.domains)
        return FormPage(
            action: (id.map { MailingsPath.edit(.value($0)).path } ?? MailingsPath.new.path) + "#" + FormErrors.summaryAnchor,
            subject: String(form.subject.prefix(MailingForm.maxSubject * 2)), body: String(form.body.prefix(MailingForm.maxBody + 1)),
            districts: interests.districts, domains: interests.domains,
            audiences: MailingSegment.offered(app: req.application).map {
                CheckChoice(value: $0.key, label: req.t($0.labelKey), checked: form.audiences.contains($0.key))
            },
            errors: errors, isNew: id == nil, reach: reach,
            preview: id.map { MailingsPath.preview(.value($0)).path }, send: id.map { MailingsPath.send(.value($0)).path },
            manage: MailingsPath.manage.path, maxSubject: MailingForm.maxSubject)
    }

    /// The mailing's id in the path; not one: 404.
    private func mailingID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }

    /// The mailing in the path, in any status; none: 404.
    private func mailingInPath(_ req: Request) async throws -> Mailing {
        guard let mailing = try await Mailing.find(try mailingID(req), on: req.db) else { throw Abort(.notFound) }
        return mailing
    }

    func newForm(req: Request) async throws -> Response {
        try await req.render("communication/mailing-edit", titleKey: "mailings.new.title", try await formPage(req, MailingForm(), id: nil))
    }

    func create(req: Request) async throws -> Response { try await store(req, id: nil) }

    func editForm(req: Request) async throws -> Response {
        let mailing = try await mailingInPath(req)
        let id = try mailing.requireID()
        guard mailing.status == .draft else { return req.redirect(to: MailingsPath.preview(.value(id)).path) }
        return try await req.render(
            "communication/mailing-edit", titleKey: "mailings.edit.title", try await formPage(req, MailingForm(mailing), id: id))
    }

    func save(req: Request) async throws -> Response { try await store(req, id: try mailingID(req)) }

    private func store(_ req: Request, id: UUID?) async throws -> Response {
        let form = MailingForm(fields: req.formFields() ?? FormFields())
        let outcome = try await SaveMailing(app: req.application).run(form, id: id, by: try req.requireUser(), t: req.t)
        switch outcome {
        case .saved(let saved): return Flash.redirect(req, to: MailingsPath.edit(.value(saved)), messageKey: "mailings.saved")
        case .invalid(let errors):
            let laidOut = errors.on(MailingForm.layout, req.t)
            return try await req.render(
                "communication/mailing-edit", titleKey: id == nil ? "mailings.new.title" : "mailings.edit.title",
                try await formPage(req, form, id: id, errors: laidOut), status: .unprocessableEntity, errors: laidOut)
        case .notDraft: return Flash.redirect(req, to: MailingsPath.manage, messageKey: "mailings.error.not_draft")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: preview and test

    struct PreviewPage: Encodable {
        var subject: String
        var html: String
        var text: String
        var sendTest: String
        var edit: String?
        var send: String?
        var manage: String
    }

    func preview(req: Request) async throws -> Response {
        let mailing = try await mailingInPath(req)
        let id = try mailing.requireID()
        let message = try MailingMessage(mailing, app: req.application)
        let draft = mailing.status == .draft
        return try await req.render(
            "communication/mailing-preview", titleKey: "mailings.preview.title",
            PreviewPage(
                subject: mailing.subject, html: message.html, text: message.text, sendTest: MailingsPath.sendTest(.value(id)).path,
                edit: draft ? MailingsPath.edit(.value(id)).path : nil, send: draft ? MailingsPath.send(.value(id)).path : nil,
                manage: MailingsPath.manage.path))
    }

    func sendTest(req: Request) async throws -> Response {
        let id = try mailingID(req)
        switch try await SendTestMailing(app: req.application).run(id: id, to: try req.requireUser(), language: req.language) {
        case .sent: return Flash.redirect(req, to: MailingsPath.preview(.value(id)), messageKey: "mailings.test.sent")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: send

    struct ConfirmPage: Encodable {
        var subject: String
        var question: String
        var count: Int
        var action: String
        var edit: String
        var nobody: Bool
        var notice: String?
    }

    func confirmSend(req: Request) async throws -> Response {
        let mailing = try await mailingInPath(req)
        let id = try mailing.requireID()
        guard mailing.status == .draft else { return req.redirect(to: MailingsPath.manage.path) }
        return try await confirmPage(req, mailing, id: id, notice: nil)
    }

    private func confirmPage(_ req: Request, _ mailing: Mailing, id: UUID, notice: String?, status: HTTPStatus = .ok) async throws
        -> Response
    {
        let count = try await MailingSegment(mailing).count(app: req.application)
        return try await req.render(
            "communication/mailing-confirm", titleKey: "mailings.send.title",
            ConfirmPage(
                subject: mailing.subject, question: req.t("mailings.send.question", count: count, ["count": String(count)]), count: count,
                action: MailingsPath.send(.value(id)).path, edit: MailingsPath.edit(.value(id)).path, nobody: count == 0,
                notice: notice), status: status)
    }

    func send(req: Request) async throws -> Response {
        let id = try mailingID(req)
        // Without the count the coordinator saw, nothing is sent: the question is asked (again).
        guard let expected = (req.formFields() ?? FormFields())["count"].flatMap({ Int($0) }) else {
            return try await confirmSend(req: req)
        }
        switch try await SendMailing(app: req.application).run(id: id, expected: expected, by: try req.requireUser()) {
        case .started: return Flash.redirect(req, to: MailingsPath.manage, messageKey: "mailings.send.started")
        case .notDraft: return Flash.redirect(req, to: MailingsPath.manage, messageKey: "mailings.error.not_draft")
        case .notFound: throw Abort(.notFound)
        case .nobody, .countChanged:
            let mailing = try await mailingInPath(req)
            return try await confirmPage(req, mailing, id: id, notice: req.t("mailings.send.changed"), status: .conflict)
        }
    }

    // MARK: archive

    struct ArchiveRow: Encodable {
        var subject: String
        var href: String
        var date: String
    }

    struct ArchivePage: Encodable {
        var mailings: [ArchiveRow]
        var subscribe: String
    }

    func archive(req: Request) async throws -> Response {
        let sent = try await Mailing.query(on: req.db).filter(\.$status == .sent).sort(\.$finishedAt, .descending).limit(200).all()
        let rows = try sent.map {
            ArchiveRow(
                subject: $0.subject, href: MailingsPath.archived(.value(try $0.requireID())).path,
                date: AmsterdamTime.date($0.finishedAt, in: req.language))
        }
        return try await req.render(
            "communication/mailing-archive", titleKey: "mailings.archive.title",
            ArchivePage(mailings: rows, subscribe: NewsletterPath.subscribe().path))
    }

    struct ArchivedPage: Encodable {
        var subject: String
        var date: String
        var html: String
        var archive: String
        var subscribe: String
    }

    /// A mailing as it went out, to anyone: only its subject, date and body (nothing personal is in
    /// a mailing; the footer with a subscriber's links is not shown). Sending, it is there too:
    /// the mail's "view in your browser" link works from the first message on.
    func archived(req: Request) async throws -> Response {
        let mailing = try await mailingInPath(req)
        guard mailing.status != .draft else { throw Abort(.notFound) }
        return try await req.render(
            "communication/mailing-archived", titleKey: "mailings.archived.title", titleArguments: ["subject": mailing.subject],
            ArchivedPage(
                subject: mailing.subject, date: AmsterdamTime.date(mailing.finishedAt ?? mailing.startedAt, in: req.language),
                html: SafeMarkdown.html(mailing.body, topLevel: 2), archive: MailingsPath.archive.path,
                subscribe: NewsletterPath.subscribe().path))
    }
}
