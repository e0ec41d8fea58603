import Fluent
import KrachtCore
import Vapor

/// One case for the committee (and the treasurer, who reads only cases to pay): every read is logged.
/// Its forms ask a question, decide, approve or send back a proposal, and erase the case.
struct CaseController: RouteCollection {
    struct QuestionForm: Decodable { var to, question, revision: String? }
    struct RevisionForm: Decodable { var revision: String? }

    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.access(.anyRole([.fundCommittee, .treasurer]))
        staff.get(FundHelpPath.adminCase(.key), use: show)
        staff.get(FundHelpPath.adminDocument(.key, document: .key), use: document)
        let committee = routes.access(.role(.fundCommittee))
        committee.post(FundHelpPath.adminQuestion(.key), use: ask)
        committee.post(FundHelpPath.adminPropose(.key), use: propose)
        committee.post(FundHelpPath.adminApprove(.key), use: approve)
        committee.post(FundHelpPath.adminSendBack(.key), use: sendBack)
        committee.post(FundHelpPath.adminErase(.key), use: erase)
    }

    func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    func show(req: Request) async throws -> Response { try await render(req, caseID(req)) }

    /// The case, if this reader may see it: a committee member every case, the treasurer only a
    /// case that was granted (granted, paid, or with payouts); any other answers 404.
    func visibleCase(_ req: Request, _ id: UUID) async throws -> (SupportApplication, User, Role) {
        let user = try req.requireUser()
        guard let application = try await SupportApplication.find(id, on: req.db) else { throw Abort(.notFound) }
        let role = try await CaseReads.role(of: user, on: req.db)
        if role != .fundCommittee, ![.granted, .paid].contains(application.statusValue),
            try await SupportPayout.query(on: req.db).filter(\.$application.$id == id).count() == 0
        {
            throw Abort(.notFound)
        }
        return (application, user, role)
    }

    /// The page, logged as a read; with a refused form's errors and typed values.
    func render(
        _ req: Request, _ id: UUID, errors: FormErrors? = nil, form: [String: String] = [:], status: HTTPStatus = .ok
    ) async throws -> Response {
        let (application, user, role) = try await visibleCase(req, id)
        try await CaseReads.record(application, by: user, role: role, what: "case", at: req.application.clock.now(), on: req.db)
        var page = try await CasePage.build(application, isCommittee: role == .fundCommittee, req: req)
        if let errors {
            page.errors = errors
            page.hasErrors = !errors.isEmpty
        }
        page.form = form
        // Leaf cannot look a field up by a computed name: each criterion carries its own.
        page.criteria = page.criteria.map { criterion in
            var criterion = criterion
            criterion.value = form["judgement-\(criterion.key)"] ?? ""
            criterion.error = errors?.fields["judgement-\(criterion.key)"]
            return criterion
        }
        return try await req.render(
            "fundhelp/committee/case", titleKey: "fundhelp.committee.case_title", titleArguments: ["number": application.number], page,
            status: status, errors: errors)
    }

    func document(req: Request) async throws -> Response {
        let id = try caseID(req)
        let (application, user, role) = try await visibleCase(req, id)
        guard let documentID = req.parameters.get("document").flatMap(UUID.init(uuidString:)),
            let document = try await SupportDocument.query(on: req.db).filter(\.$id == documentID).filter(\.$application.$id == id).first()
        else { throw Abort(.notFound) }
        guard let sealed = try? Data(contentsOf: URL(fileURLWithPath: CaseDocuments.folder(req.application) + "/" + document.storedName)),
            let bytes = try? req.application.fundSealer.open(data: sealed, context: ApplicantVault.Context.document)
        else { throw Abort(.notFound) }
        try await CaseReads.record(application, by: user, role: role, what: "document", at: req.application.clock.now(), on: req.db)
        let response = Response(status: .ok, body: .init(data: bytes))
        response.headers.replaceOrAdd(name: .contentType, value: document.contentType)
        // A neutral file name: the applicant's own may identify them, and it never goes in a header.
        let ext = ["image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"][document.contentType] ?? "bin"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(application.number)-document.\(ext)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    func ask(req: Request) async throws -> Response {
        let id = try caseID(req)
        let form = req.decodeForm(QuestionForm.self)
        let outcome = try await AskQuestion(app: req.application).run(
            id, to: form?.to, text: form?.question, revision: form?.revision.flatMap(Int.init), by: try req.requireUser(),
            language: req.language)
        switch outcome {
        case .asked: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.committee.asked")
        case .invalid(let errors):
            return try await render(
                req, id, errors: errors, form: ["question": form?.question ?? "", "to": form?.to ?? ""], status: .badRequest)
        case .proposalPending: return try await refuse(req, id, "fundhelp.committee.error.proposal_pending")
        case .notOpen: return try await refuse(req, id, "fundhelp.committee.error.not_open")
        case .decidedMeanwhile: return try await refuse(req, id, "fundhelp.decision.error.meanwhile")
        case .notFound: throw Abort(.notFound)
        }
    }

    func propose(req: Request) async throws -> Response {
        let id = try caseID(req)
        let fields = req.formFields() ?? FormFields()
        var judgements: [String: String] = [:]
        for (name, value) in fields.pairs where name.hasPrefix("judgement-") {
            judgements[String(name.dropFirst("judgement-".count))] = value
        }
        let input = ProposeDecision.Input(
            judgements: judgements, outcome: fields["outcome"], amount: fields["amount"], criterion: fields["criterion"],
            referredTo: fields["referred_to"], note: fields["note"], revision: fields["revision"].flatMap(Int.init))
        switch try await ProposeDecision(app: req.application).run(id, input, by: try req.requireUser(), language: req.language) {
        case .proposed: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.decision.proposed")
        case .declined: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.decision.declined")
        case .referred: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.decision.referred")
        case .invalid(let errors):
            var typed = Dictionary(fields.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
            typed["_csrf"] = nil
            return try await render(req, id, errors: errors, form: typed, status: .badRequest)
        case .notOpen: return try await refuse(req, id, "fundhelp.committee.error.not_open")
        case .decidedMeanwhile: return try await refuse(req, id, "fundhelp.decision.error.meanwhile")
        case .notFound: throw Abort(.notFound)
        }
    }

    func approve(req: Request) async throws -> Response { try await settle(req, approve: true) }
    func sendBack(req: Request) async throws -> Response { try await settle(req, approve: false) }

    func settle(_ req: Request, approve: Bool) async throws -> Response {
        let id = try caseID(req)
        let revision = req.decodeForm(RevisionForm.self)?.revision.flatMap(Int.init)
        let command = ApproveGrant(app: req.application)
        let user = try req.requireUser()
        let outcome =
            approve
            ? try await command.approve(id, revision: revision, by: user) : try await command.sendBack(id, revision: revision, by: user)
        let money = { (cents: Int64) in Money.format(cents: cents, in: req.language) }
        switch outcome {
        case .approved: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.decision.approved")
        case .sentBack: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.decision.sent_back")
        case .ownProposal: return try await refuse(req, id, "fundhelp.decision.error.own_proposal")
        case .referredIt: return try await refuse(req, id, "fundhelp.decision.error.referred_it")
        case .appliedForIt: return try await refuse(req, id, "fundhelp.decision.error.applied_for_it")
        case .overMonthlyBudget(let left): return try await refuse(req, id, "fundhelp.decision.error.monthly_budget", ["left": money(left)])
        case .overBalance(let available):
            return try await refuse(req, id, "fundhelp.decision.error.balance", ["available": money(available)])
        case .overPersonLimit(let room): return try await refuse(req, id, "fundhelp.decision.error.person_limit", ["room": money(room)])
        case .decidedMeanwhile: return try await refuse(req, id, "fundhelp.decision.error.meanwhile")
        case .notFound: throw Abort(.notFound)
        }
    }

    func erase(req: Request) async throws -> Response {
        let id = try caseID(req)
        let user = try req.requireUser()
        // Erasing cannot be undone: the member confirms the applicant asked for it.
        guard req.formFields()?["confirm"] == "yes" else {
            var errors = FormErrors()
            errors.add("confirm", req.t("fundhelp.committee.error.confirm_erase"))
            return try await render(req, id, errors: errors, status: .badRequest)
        }
        let app = req.application
        let found = try await app.db.writeTransaction { db -> Bool in
            guard let application = try await SupportApplication.locked(id, on: db) else { return false }
            if try await EraseCase.run(application, app: app, on: db) == .erased {
                try await AuditEvent.record("fundhelp.case.erased", subject: "support_application:\(id)", by: try user.requireID(), on: db)
            }
            return true
        }
        guard found else { throw Abort(.notFound) }
        return Flash.redirect(req, to: FundHelpPath.adminCase(.value(id)), messageKey: "fundhelp.committee.erased_now")
    }

    /// A refused action: the case page again, saying why, with nothing changed (409).
    func refuse(_ req: Request, _ id: UUID, _ key: String, _ arguments: [String: String] = [:]) async throws -> Response {
        try await render(req, id, errors: FormErrors(summary: req.t(key, arguments)), status: .conflict)
    }
}
