import Fluent
import KrachtCore
import Vapor

/// Signs the manifesto. Online signatures wait for their mail link (double opt-in); a
/// signed-in person with a confirmed address signs at once.
struct SignManifesto: Sendable {
    enum Outcome: Sendable, Equatable {
        /// A link is on its way (also for an address that already signed: the visitor sees the
        /// same page, and the mail says kindly that they signed before).
        case checkYourMail
        case signed
        /// This form was sent before (a double click, a replay): answered as then, nothing stored.
        case alreadyHandled
        case alreadySigned
        case invalid(FormErrors)
        case tooFast
        case rateLimited
        /// The honeypot was filled: answered like a success, stored nowhere.
        case discarded
    }

    let app: Application

    func run(_ form: SignatureForm, language: Language, ip: String, user: User?) async throws -> Outcome {
        if let honeypot = form.website, !honeypot.isEmpty { return .discarded }
        let now = app.clock.now()
        let key = app.config.secretKey
        let signedIn = user?.emailConfirmedAt != nil
        if !signedIn {
            switch FormToken.check(form.form_token, now: now, minimumSeconds: app.signing.minimumFillSeconds, key: key) {
            case .ok: break
            case .tooFast, .expired, .invalid: return .tooFast
            }
        }
        var form = form
        if let user, signedIn {
            // A signed-in person's name and confirmed address come from their account.
            form.name = user.name
            form.email = user.email
        }
        let districts = app.reference.districts.map(\.slug)
        let (checked, errors) = form.check(districts: districts, emailRequired: !signedIn) { app.catalogue.text($0, in: language) }
        guard let signature = checked else { return .invalid(errors) }
        let version = try await app.manifestoVersions.currentNumber(on: app.db)

        if let user, signedIn {
            return try await signDirectly(signature, user: user, version: version, now: now)
        }
        let secret = SecureToken.make()
        let mail = try app.mailer.compose(
            to: signature.email, language: language, subjectKey: "manifesto.mail.confirm.subject",
            view: "manifesto/mail-confirm", context: links(name: signature.name, secret: secret))
        let request = SignatureBatcher.Request(
            signature: signature, canonical: signature.canonical, version: version, tokenHash: SecureToken.hash(secret),
            formTokenHash: SecureToken.hash(form.form_token ?? ""), language: language,
            ipHash: FormToken.ipHash(ip, key: key), mail: mail, createdAt: now)
        return try await app.signatureBatcher.submit(request)
    }

    func links(name: String, secret: String) -> [String: String] {
        [
            "name": name, "link": ManifestoPath.confirm(.value(secret)).url(on: app),
            "withdraw": ManifestoPath.withdraw(.value(secret)).url(on: app),
        ]
    }

    private func signDirectly(_ form: SignatureForm.Checked, user: User, version: Int, now: Date) async throws -> Outcome {
        let outcome: Outcome
        do {
            outcome = try await insertConfirmed(form, user: user, version: version, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A double click races past the check on PostgreSQL; the one-per-mailbox index stops
            // the second, which signed all the same.
            return .alreadySigned
        }
        if outcome == .signed { SignatureCounter.changed(app) }
        return outcome
    }

    private func insertConfirmed(_ form: SignatureForm.Checked, user: User, version: Int, now: Date) async throws -> Outcome {
        let canonical = EmailAddress.canonicalMailbox(form.email)
        return try await app.db.writeTransaction { db in
            if try await Signature.query(on: db).filter(\.$emailCanonical == canonical)
                .filter(\.$status ~~ [Signature.Status.pending.rawValue, Signature.Status.confirmed.rawValue]).first() != nil
            {
                return .alreadySigned
            }
            let signature = Signature.make(form, version: version, tokenHash: SecureToken.hash(SecureToken.make()), ipHash: nil, now: now)
            signature.status = Signature.Status.confirmed.rawValue
            signature.confirmedAt = now
            signature.userID = user.id
            try await signature.create(on: db)
            try await SignatureCounter.add(1, to: .online, on: db)
            return .signed
        }
    }
}

extension Signature {
    static func make(_ form: SignatureForm.Checked, version: Int, tokenHash: String, ipHash: String?, now: Date) -> Signature {
        let signature = Signature()
        signature.id = UUID()
        signature.createdAt = now
        signature.versionNumber = version
        signature.name = form.name
        signature.email = form.email
        signature.emailCanonical = EmailAddress.canonicalMailbox(form.email)
        signature.emailDomain = form.email.split(separator: "@").last.map(String.init)
        signature.district = form.district
        signature.postcode = form.postcode
        signature.showName = form.showName
        signature.newsletter = form.newsletter
        signature.campaign = form.campaign
        signature.source = Source.online.rawValue
        signature.status = Status.pending.rawValue
        signature.tokenHash = tokenHash
        signature.ipHash = ipHash
        signature.lastMailAt = now
        signature.volunteerInterest = false
        return signature
    }
}
