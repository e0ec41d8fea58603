import Fluent
import Foundation
import KrachtCore
import Vapor

/// An applicant (or a referrer on their behalf) asks the fund for help: the case is stored with
/// everything identifying sealed, its blind indexes, its documents (sealed files), and the mail
/// that says it was received, in one transaction. The status link's token is handed back once;
/// only its hash (to find the case) and a sealed copy (for later mail) are stored.
struct SubmitApplication: Sendable {
    enum Outcome: Sendable {
        case submitted(SupportApplication, token: String)
        /// The same form was sent before (a double tap, a reload): the case of the first post.
        case repeated(SupportApplication, token: String)
        case invalid(FormErrors)
        case rateLimited
    }

    /// Applications per address per hour: room for a help desk where several people apply on
    /// one connection, a wall against filling the table by script.
    static let limiter = RateLimiter(name: "fund-help-apply", limit: 20, window: 3600)
    /// Seconds in which a second post of the same form is taken for a double tap.
    static let repeatWindow: TimeInterval = 600
    /// Case numbers without letters that look alike (0/O, 1/I/L).
    static let numberAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    let app: Application

    func run(_ form: ApplyForm, files: [UploadedForm.FilePart], referrer: User?, language: Language, ip: String) async throws -> Outcome {
        let token = Self.token(formID: form["form_id"], app: app)
        let now = app.clock.now()
        if let existing = try await SupportApplication.query(on: app.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first() {
            // Only a repeat within minutes is a double tap; later, the same form (a cached page on
            // a shared phone) must not lead anyone to the case.
            guard existing.createdAt > now.addingTimeInterval(-Self.repeatWindow) else {
                return .invalid(FormErrors(summary: app.catalogue.text("fundhelp.apply.error.already_sent", in: language)))
            }
            return .repeated(existing, token: token)
        }
        let criteria = try await CriteriaVersion.current(at: now, on: app.db)
        let settings = app.fundHelpSettings
        let (checked, formErrors) = form.check(
            asReferrer: referrer != nil, limitCents: criteria?.perPersonLimitCents ?? .max,
            districts: Set(app.reference.districts.map(\.code)), language: language,
            t: { app.catalogue.text($0, in: language, $1) })
        var errors = formErrors
        if let problem = CaseDocuments.check(files, settings: settings) {
            errors.add("documents", CaseDocuments.message(problem, settings: settings) { app.catalogue.text($0, in: language, $1) })
        }
        guard let checked, errors.isEmpty else { return .invalid(errors) }
        guard try await Self.limiter.hit(ip, now: now, on: app.db) else { return .rateLimited }

        let sealer = app.fundSealer
        let application = SupportApplication()
        application.id = UUID()
        application.number = try await Self.freeNumber(on: app.db)
        application.statusTokenHash = SecureToken.hash(token)
        application.statusTokenSealed = try sealer.seal(token, context: ApplicantVault.Context.statusToken)
        application.status = SupportApplication.Status.received.rawValue
        application.category = checked.category.rawValue
        application.urgency = checked.urgency.rawValue
        application.requestedCents = checked.requestedCents
        application.paidCents = 0
        application.language = language.rawValue
        application.district = checked.district
        application.channel = (referrer == nil ? SupportApplication.Channel.applicant : .referrer).rawValue
        application.referrerID = referrer?.id
        application.nameSealed = try sealer.seal(checked.name, context: ApplicantVault.Context.name)
        application.detailsSealed = try sealer.seal(
            String(decoding: try JSONEncoder().encode(checked.details), as: UTF8.self), context: ApplicantVault.Context.details)
        application.createdAt = now
        application.revision = 0
        let keys = PersonKeys.make(
            applicationID: application.id!, name: checked.name, phone: checked.details.phone, email: checked.details.email, sealer: sealer)
        let documents = try CaseDocuments.write(files, app: app, now: now)
        do {
            try await app.db.writeTransaction { [app] db in
                try await application.create(on: db)
                for key in keys { try await key.create(on: db) }
                for document in documents {
                    document.$application.id = application.id!
                    try await document.create(on: db)
                }
                try await CaseNews.tell(application, app: app, on: db)
            }
        } catch {
            CaseDocuments.remove(documents, app: app)
            // The double tap that raced past the lookup: the first post's case holds the token.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                let first = try await SupportApplication.query(on: app.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first()
            else { throw error }
            return .repeated(first, token: token)
        }
        return .submitted(application, token: token)
    }

    /// The status token follows from the form's random id (keyed with the fund's key), so a
    /// second post of the same form finds the first case; without an id, a fresh one.
    static func token(formID: String?, app: Application) -> String {
        guard let formID, (20...64).contains(formID.count) else { return SecureToken.make() }
        return SecureToken.hash(app.fundSealer.blindIndex(formID, context: "fund-help-form"))
    }

    static func freeNumber(on db: any Database) async throws -> String {
        while true {
            let number = "FH-" + String((0..<6).map { _ in numberAlphabet.randomElement()! })
            if try await SupportApplication.query(on: db).filter(\.$number == number).count() == 0 { return number }
        }
    }
}
