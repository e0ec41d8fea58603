import Fluent
import KrachtCore
import Vapor

/// The public side: read and sign the manifesto, confirm, withdraw, earlier versions.
struct ManifestoController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manifest = routes.access(.anyone)
        manifest.get(ManifestoPath.page(), use: show).cachedForAnonymous()
        manifest.post(ManifestoPath.sign, use: sign)
        manifest.get(ManifestoPath.thanks) { req in
            try await req.render(
                "manifesto/check-mail", titleKey: "manifesto.check_mail.title",
                ["share": try ShareCode.plainLinks(on: req)])
        }
        manifest.get(ManifestoPath.confirm(.key), use: confirm)
        manifest.post(ManifestoPath.followUp(.key), use: followUp)
        manifest.get(ManifestoPath.withdraw(.key), use: withdrawPage)
        manifest.post(ManifestoPath.withdraw(.key), use: withdraw)
        manifest.get(ManifestoPath.versions, use: versions).cachedForAnonymous()
        manifest.get(ManifestoPath.version(.key), use: version).cachedForAnonymous()
    }

    func page(_ req: Request, form: ManifestoPage.FormState? = nil, version: ManifestoVersion? = nil) async throws -> ManifestoPage {
        let current = try await req.application.manifestoVersions.current(on: req.db)
        let version = version ?? current
        let user = req.auth.get(User.self)
        let state =
            form
            ?? ManifestoPage.FormState(
                token: req.fill(FormToken.fill), ref: SignatureForm.campaign(req.queryValue("ref")) ?? "")
        let chosen = state.values["district"] ?? ""
        var districts = req.application.reference.districts.map {
            ManifestoPage.DistrictOption(slug: $0.slug, name: $0.name, selected: $0.slug == chosen)
        }
        districts.append(
            .init(
                slug: Signature.outsideAmsterdam, name: req.t("manifesto.outside_amsterdam"),
                selected: chosen == Signature.outsideAmsterdam))
        return ManifestoPage(
            signed: try await signedState(req, user: user),
            number: version.number, title: version.title(in: req.language), paragraphs: version.paragraphs(in: req.language),
            publishedAt: AmsterdamTime.date(version.publishedAt, in: req.language),
            count: try await req.application.manifestoCount.snapshot(app: req.application),
            targetLabel: req.targetLabel(), districts: districts, form: state,
            signedInName: user?.emailConfirmedAt != nil ? user?.name : nil,
            anonymous: user?.emailConfirmedAt == nil,
            fundAvailable: req.application.giving != nil)
    }

    func show(req: Request) async throws -> Response {
        try await req.render("manifesto/page", titleKey: "manifesto.title", page(req))
    }

    func sign(req: Request) async throws -> Response {
        guard let form = req.formFields().map(SignatureForm.init(fields:)) else { throw Abort(.badRequest) }
        let outcome = try await SignManifesto(app: req.application)
            .run(form, language: req.language, ip: req.rateLimitKey, user: req.auth.get(User.self))
        switch outcome {
        case .checkYourMail, .discarded, .alreadyHandled:
            // The same page for all three, with nothing personal: anyone can sign up with any address.
            return req.redirect(to: ManifestoPath.thanks)
        case .signed:
            return Flash.redirect(req, to: ManifestoPath.page(), messageKey: "manifesto.signed")
        case .alreadySigned:
            return Flash.redirect(req, to: ManifestoPath.page(), messageKey: "manifesto.already_signed")
        case .invalid(let errors):
            return try await signAgain(req, form, errors: errors.on(ManifestoForms.sign) { req.t($0) })
        case .tooFast:
            return try await signAgain(
                req, form, errors: FormErrors(summary: req.t("manifesto.error.too_fast"), form: ManifestoForms.sign.id))
        case .rateLimited:
            throw Abort(.tooManyRequests, headers: ["Retry-After": "3600"])
        }
    }

    /// The form again, as it was sent, with what is wrong and a fresh bot-timer token (made only
    /// here: a sign-up that succeeds needs none, and under load each one counts).
    private func signAgain(_ req: Request, _ form: SignatureForm, errors: FormErrors) async throws -> Response {
        var state = ManifestoPage.FormState(
            values: ["name": form.name ?? "", "email": form.email ?? "", "district": form.district ?? "", "postcode": form.postcode ?? ""],
            token: FormToken.make(at: req.now, key: req.application.config.secretKey),
            ref: SignatureForm.campaign(form.ref) ?? "", showName: form.show_name == "1", newsletter: form.newsletter == "1")
        state.errors = errors
        // An error page's GET page, for the language switch: the form with its campaign code.
        let canonical = ManifestoPath.page(ref: state.ref.isEmpty ? nil : state.ref).path
        return try await req.render(
            "manifesto/page", titleKey: "manifesto.title", page(req, form: state), status: .badRequest, errors: errors,
            canonicalPath: canonical)
    }

    func confirm(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        switch try await ConfirmSignature(app: req.application).run(secret: token, language: req.language) {
        case .confirmed(let id): return try await confirmedPage(req, token: token, signatureID: id, already: false)
        case .alreadyConfirmed(let id): return try await confirmedPage(req, token: token, signatureID: id, already: true)
        case .expired: return try await linkProblem(req, "manifesto.link.expired", .gone)
        case .unknown: return try await linkProblem(req, "manifesto.link.unknown", .badRequest)
        }
    }

    struct FollowUpForm: Content { var action: String? }

    func followUp(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let action = req.decodeForm(FollowUpForm.self)?.action.flatMap(FollowUp.Action.init(rawValue:)) else {
            throw Abort(.badRequest)
        }
        guard let signature = try await RecordFollowUp(app: req.application).run(secret: token, action: action) else {
            return try await linkProblem(req, "manifesto.link.unknown", .badRequest)
        }
        if action == .volunteer && !req.auth.has(User.self) {
            // The registration form, filled in with what they gave when signing (never a password).
            RegisterPrefill.remember(name: signature.name, email: signature.email, in: req)
            return Flash.redirect(req, to: CorePath.register, messageKey: "manifesto.followup.volunteer")
        }
        if action == .donate, let giving = req.application.giving {
            return req.redirect(to: giving.givePath(campaign: nil))
        }
        return try await confirmedPage(req, token: token, signatureID: signature.id, already: true, chosen: action.rawValue)
    }

    func withdrawPage(req: Request) async throws -> Response {
        try await req.render("manifesto/withdraw", titleKey: "manifesto.withdraw.title", ["token": req.parameters.get("token") ?? ""])
    }

    func withdraw(req: Request) async throws -> Response {
        switch try await WithdrawSignature(app: req.application).run(secret: req.parameters.get("token") ?? "") {
        case .withdrawn:
            return Flash.redirect(req, to: ManifestoPath.page(), messageKey: "manifesto.withdrawn")
        case .unknown: return try await linkProblem(req, "manifesto.link.unknown_withdraw", .badRequest)
        }
    }

    func linkProblem(_ req: Request, _ key: String, _ status: HTTPStatus) async throws -> Response {
        try await req.render("manifesto/link-problem", titleKey: "manifesto.link.title", ["message": req.t(key)], status: status)
    }

    struct VersionRow: Encodable {
        var number: Int
        var title: String
        var publishedAt: String
        var current: Bool
    }

    func versions(req: Request) async throws -> Response {
        let all = try await ManifestoVersion.query(on: req.db).sort(\.$number, .descending).all()
        let rows = all.enumerated().map { index, version in
            VersionRow(
                number: version.number, title: version.title(in: req.language),
                publishedAt: AmsterdamTime.date(version.publishedAt, in: req.language), current: index == 0)
        }
        return try await req.render("manifesto/versions", titleKey: "manifesto.versions.title", ["versions": rows])
    }

    func version(req: Request) async throws -> Response {
        guard let number = req.parameters.get("number", as: Int.self),
            let version = try await ManifestoVersion.query(on: req.db).filter(\.$number == number).first()
        else { throw Abort(.notFound) }
        return try await req.render("manifesto/page", titleKey: "manifesto.title", page(req, version: version))
    }
}
