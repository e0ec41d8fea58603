import Fluent
import Foundation
import KrachtCore
import Vapor

@testable import FundHelp

/// Cases as the fund stores them, sealed with whatever `app.fundSealer` is at the time: for the
/// privacy tests (rotation, retention, verify), which need cases in every corner without going
/// through the committee's pages each time.
enum PrivacyCases {
    /// A case with its person keys, a message, a decision note, a payout's payee and a document file.
    @discardableResult
    static func make(
        _ app: Application, name: String = "Amal Haddad", phone: String? = "06 1234 5678", email: String? = "amal@example.nl",
        status: SupportApplication.Status = .received, closedAt: Date? = nil, grantedCents: Int64? = nil, document: String? = "rekening"
    ) async throws -> SupportApplication {
        let sealer = app.fundSealer
        let context = ApplicantVault.Context.self
        let details = ApplicantDetails(
            phone: phone, email: email, purpose: "boodschappen voor \(name)", noProvision: "geen", contactBy: "phone")
        let (application, _) = try await SealedCases.insert(app, name: name, details: details) { application in
            application.status = status.rawValue
            application.category = "food"
            application.requestedCents = 15_000
            application.grantedCents = grantedCents
            application.language = "ar"
            application.district = "T"
            application.createdAt = app.clock.now().addingTimeInterval(-400 * 86400)
            application.closedAt = closedAt
        }
        let id = try application.requireID()

        let message = SupportMessage()
        message.$application.id = id
        message.author = "applicant"
        message.bodySealed = try sealer.seal("antwoord van \(name)", context: context.message)
        message.createdAt = app.clock.now()
        try await message.create(on: app.db)

        let decision = SupportDecision()
        decision.$application.id = id
        decision.outcome = "grant"
        decision.state = "proposed"
        decision.amountCents = 10_000
        decision.judgements = [:]
        decision.criteriaVersion = 1
        decision.noteSealed = try sealer.seal("notitie over \(name)", context: context.note)
        decision.proposedBy = UUID()
        decision.proposedAt = app.clock.now()
        try await decision.create(on: app.db)

        let payout = SupportPayout()
        payout.$application.id = id
        payout.method = "transfer"
        payout.payee = "applicant"
        payout.amountCents = 0
        payout.state = "pending"
        payout.endToEndID = "KVM-" + SecureToken.make().prefix(12)
        payout.payeeSealed = try sealer.seal(
            String(decoding: try JSONEncoder().encode(PayeeDetails(name: name, iban: "NL91ABNA0417164300")), as: UTF8.self),
            context: context.payee)
        payout.createdBy = UUID()
        payout.createdAt = app.clock.now()
        try await payout.create(on: app.db)

        if let document {
            let stored = SupportDocument()
            stored.$application.id = id
            stored.contentType = "application/pdf"
            stored.byteCount = document.utf8.count
            stored.fileNameSealed = try sealer.seal("\(document).pdf", context: context.documentName)
            stored.storedName = SecureToken.make()
            stored.keyVersion = sealer.keys[0].version
            stored.createdAt = app.clock.now()
            try PrivateFiles.makeDirectory(CaseDocuments.folder(app))
            try sealer.seal(data: Data("%PDF-1.4 \(document)".utf8), context: context.document)
                .write(to: URL(fileURLWithPath: CaseDocuments.folder(app) + "/" + stored.storedName))
            try await stored.create(on: app.db)
        }
        return application
    }

    /// `kracht verify` as the app runs it: the feature started in `app`, so document files are checked too.
    static func verify(_ app: Application) async throws -> [String] {
        var problems: [String] = []
        for feature in app.features { problems += try await feature.verify(app: app) }
        return problems
    }

    static func key() -> String { Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString() }
}
