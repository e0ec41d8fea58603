import Foundation
import KrachtCore
import Vapor

@testable import FundHelp

/// A case inserted by hand, sealed and indexed as `SubmitApplication` stores it: the one way the
/// tests make a case without the form (`CommitteeCases.make`, `PrivacyCases.make`). A received
/// shelter case of € 300 in Dutch unless `adjust` changes its clear columns.
enum SealedCases {
    static func insert(
        _ app: Application, name: String, details: ApplicantDetails, adjust: (SupportApplication) -> Void = { _ in }
    ) async throws -> (application: SupportApplication, token: String) {
        let sealer = app.fundSealer
        let context = ApplicantVault.Context.self
        let application = SupportApplication()
        application.id = UUID()
        application.number = "FH-" + String(UUID().uuidString.prefix(6))
        let token = SecureToken.make()
        application.statusTokenHash = SecureToken.hash(token)
        application.statusTokenSealed = try sealer.seal(token, context: context.statusToken)
        application.status = SupportApplication.Status.received.rawValue
        application.category = SupportApplication.Category.shelter.rawValue
        application.urgency = SupportApplication.Urgency.week.rawValue
        application.requestedCents = 30_000
        application.paidCents = 0
        application.language = Language.nl.rawValue
        application.channel = SupportApplication.Channel.applicant.rawValue
        application.nameSealed = try sealer.seal(name, context: context.name)
        application.detailsSealed = try sealer.seal(
            String(decoding: try JSONEncoder().encode(details), as: UTF8.self), context: context.details)
        application.createdAt = app.clock.now()
        application.revision = 0
        adjust(application)
        try await application.create(on: app.db)
        let keys = PersonKeys.make(
            applicationID: try application.requireID(), name: name, phone: details.phone, email: details.email, sealer: sealer)
        for key in keys { try await key.create(on: app.db) }
        return (application, token)
    }
}
