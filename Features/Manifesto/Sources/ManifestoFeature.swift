import Fluent
import KrachtCore
import Vapor

/// The manifesto: sign, confirm, count. Registered once in `App/Sources/Kracht.swift`.
public struct ManifestoFeature: Feature {
    public let name = "manifesto"
    public var viewsDirectory: String? { "Features/Manifesto/Views" }
    public var localesDirectory: String? { "Features/Manifesto/Locales" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "manifesto.nav", path: ManifestoPath.page().path),
            NavigationEntry(textKey: "manifesto.admin.nav", path: ManifestoPath.admin.path, role: .coordinator),
        ]
    }

    public func migrations() -> [any Migration] {
        [
            CreateManifesto(), CreateFormTokenUses(), CreateSignatureLinks(), CreateCampaigns(),
            AddSignatureShareCode(),
        ]
    }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.signing = .fromEnvironment()
        _ = app.signatureBatcher
        _ = app.manifestoCount
        _ = app.manifestoVersions
        FormToken.register(on: app)
        try routes.register(collection: ManifestoController())
        try routes.register(collection: ShareController())
        try routes.register(collection: ManifestoAdminController())
        try routes.register(collection: PaperController())
        try routes.register(collection: CampaignController())
    }

    public func indicators() -> [Indicator] {
        [ManifestoAnnualReport.signaturesIndicator]
    }
    public func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        try await ManifestoAnnualReport.sections(year: year, app: app)
    }

    /// The home page's first button, straight to the form, with the count and its target beside it.
    public func callsToAction() -> [CallToAction] {
        [
            CallToAction(
                textKey: "manifesto.cta_sign", path: ManifestoPath.page().path + "#teken", order: 10,
                indicatorKey: "manifesto_signatures")
        ]
    }

    /// The latest signers who chose to be shown, each first name and district once, from the
    /// count's two-second cache (the home page may be busy).
    public func homeFeeds() -> [HomeFeed] {
        [
            HomeFeed(headingKey: "manifesto.latest_heading", order: 10) { app in
                try await app.manifestoCount.snapshot(app: app).latest.map { HomeFeedItem(title: $0.firstName, detail: $0.district) }
            }
        ]
    }

    public func referrals() -> [Referral] { ManifestoReferrals.all }
    public func audiences() -> [Audience] { ManifestoAudiences.all }

    public func openAPIPaths() -> [String: JSONValue] {
        // Relative to /api/v1: the counter at `ManifestoPath.api`.
        [
            "/manifest": [
                "get": [
                    "operationId": "manifestoCount",
                    "summary": "The number of confirmed signatures under the manifesto (online and on paper) and the target",
                    "responses": [
                        "200": [
                            "description": "The count",
                            "content": [
                                "application/json": [
                                    "schema": [
                                        "type": "object",
                                        "required": ["signatures", "online", "paper", "target", "url"],
                                        "properties": [
                                            "signatures": ["type": "integer"], "online": ["type": "integer"], "paper": ["type": "integer"],
                                            "target": ["type": "integer"], "url": ["type": "string"],
                                        ],
                                    ]
                                ]
                            ],
                        ]
                    ],
                ]
            ]
        ]
    }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await PersonalData.export(of: user, on: app.db)
    }

    public func eraseData(of user: User, on db: any Database) async throws {
        try await PersonalData.erase(of: user, on: db)
    }

    /// Unconfirmed signatures expire after 14 days; the abuse-detection hashes go after 30, used
    /// forms once they would be refused anyway.
    public func purgeExpired(now: Date, app: Application) async throws {
        let db = app.db
        let settings = SigningSettings.fromEnvironment()
        try await Signature.query(on: db).filter(\.$status == Signature.Status.pending.rawValue)
            .filter(\.$createdAt < now.addingTimeInterval(-Double(settings.confirmationDays) * 86400)).delete()
        try await SignatureLinks.purgeOrphans(on: db)
        try await Signature.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-30 * 86400))
            .set(\.$ipHash, to: nil).set(\.$emailDomain, to: nil).update()
        try await FormTokenUses.purge(before: now.addingTimeInterval(-2 * FormToken.lifetime), on: db)
    }

    public func verify(app: Application) async throws -> [String] {
        let db = app.db
        let stored = try await SignatureCounter.values(on: db)
        let counted = try await SignatureCounter.recount(on: db)
        return SignatureCounter.Key.allCases.compactMap { key in
            stored[key] == counted[key]
                ? nil
                : "manifesto counter '\(key.rawValue)' is \(stored[key] ?? 0) but the table has \(counted[key] ?? 0)"
        }
    }

    public func commands() -> [String: any AnyAsyncCommand] { ["manifesto": FillCommand()] }

    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await DemoSignatures.seed(app: app, people: people)
    }
}
