import Fluent
import KrachtCore
import Vapor

/// The manifesto: sign, confirm, count. Registered once in `App/Sources/Kracht.swift`.
public struct ManifestoFeature: Feature {
    public let name = "manifesto"
    public var viewsDirectory: String? { "Features/Manifesto/Views" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [NavigationEntry(textKey: "manifesto.nav", path: "/manifest"),
         NavigationEntry(textKey: "manifesto.admin.nav", path: "/beheer/manifest", role: .coordinator)]
    }

    public func migrations() -> [any Migration] { [CreateManifesto()] }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        app.signing = .fromEnvironment()
        _ = app.signatureBatcher
        _ = app.manifestoCount
        _ = app.manifestoVersions
        try routes.register(collection: ManifestoController())
        try routes.register(collection: ShareController())
        try routes.register(collection: ManifestoAdminController())
    }

    public func indicators() -> [Indicator] {
        [Indicator(key: "manifesto_signatures", unit: "signatures") { db in try await SignatureCounter.total(on: db) }]
    }

    public func openAPIPaths() -> [String: JSONValue] {
        ["/manifest": [
            "get": [
                "operationId": "manifestoCount",
                "summary": "The number of confirmed signatures under the manifesto (online and on paper) and the target",
                "responses": ["200": [
                    "description": "The count",
                    "content": ["application/json": ["schema": [
                        "type": "object",
                        "required": ["signatures", "online", "paper", "target", "url"],
                        "properties": [
                            "signatures": ["type": "integer"], "online": ["type": "integer"], "paper": ["type": "integer"],
                            "target": ["type": "integer"], "url": ["type": "string"],
                        ],
                    ]]],
                ]],
            ]
        ]]
    }

    public func exportData(of user: User, on db: any Database) async throws -> JSONValue? {
        let canonical = EmailAddress.canonicalMailbox(user.email)
        let signatures = try await Signature.query(on: db).group(.or) {
            $0.filter(\.$emailCanonical == canonical).filter(\.$userID == user.id)
        }.all()
        return .array(signatures.map { s in
            ["name": .string(s.name), "email": s.email.map(JSONValue.string) ?? .null, "district": .string(s.district),
             "postcode": s.postcode.map(JSONValue.string) ?? .null, "show_name": .bool(s.showName), "newsletter": .bool(s.newsletter),
             "campaign": s.campaign.map(JSONValue.string) ?? .null, "status": .string(s.status), "version": .int(Int64(s.versionNumber)),
             "signed_at": .string(ISO8601DateFormatter().string(from: s.createdAt))]
        })
    }

    /// The signature keeps counting, without the person in it.
    public func eraseData(of user: User, on db: any Database) async throws {
        let canonical = EmailAddress.canonicalMailbox(user.email)
        let signatures = try await Signature.query(on: db).group(.or) {
            $0.filter(\.$emailCanonical == canonical).filter(\.$userID == user.id)
        }.all()
        for signature in signatures { try await Self.anonymise(signature, on: db) }
    }

    static func anonymise(_ signature: Signature, on db: any Database) async throws {
        signature.name = ""
        signature.email = nil
        signature.emailCanonical = nil
        signature.emailDomain = nil
        signature.postcode = nil
        signature.ipHash = nil
        signature.userID = nil
        signature.showName = false
        signature.newsletter = false
        signature.tokenHash = nil
        try await signature.save(on: db)
    }

    /// Unconfirmed signatures expire after 14 days; the abuse-detection hashes go after 30.
    public func purgeExpired(now: Date, on db: any Database) async throws {
        let settings = SigningSettings.fromEnvironment()
        try await Signature.query(on: db).filter(\.$status == Signature.Status.pending.rawValue)
            .filter(\.$createdAt < now.addingTimeInterval(-Double(settings.confirmationDays) * 86400)).delete()
        try await Signature.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-30 * 86400))
            .set(\.$ipHash, to: nil).set(\.$emailDomain, to: nil).update()
    }

    public func verify(on db: any Database) async throws -> [String] {
        let stored = try await SignatureCounter.values(on: db)
        let counted = try await SignatureCounter.recount(on: db)
        return SignatureCounter.Key.allCases.compactMap { key in
            stored[key] == counted[key] ? nil
                : "manifesto counter '\(key.rawValue)' is \(stored[key] ?? 0) but the table has \(counted[key] ?? 0)"
        }
    }

    public func commands() -> [String: any AnyAsyncCommand] { ["manifesto": FillCommand()] }

    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await DemoSignatures.seed(app: app, people: people)
    }
}
