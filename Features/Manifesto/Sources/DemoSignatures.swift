import Fluent
import KrachtCore
import Vapor

/// Realistic demo signatures across Amsterdam's districts and a few campaigns.
enum DemoSignatures {
    static let firstNames = [
        "Fatima", "Daan", "Sanne", "Mehmet", "Priya", "Joris", "Ayaan", "Noa", "Kwame", "Lotte",
        "Youssef", "Emma", "Sem", "Zeynep", "Lucas", "Amira", "Finn", "Sara", "Milan", "Ilse",
    ]
    static let lastNames = ["de Vries", "Bakker", "Yilmaz", "El Amrani", "Jansen", "Visser", "Mensah", "Ramdin", "Cohen", "Smit"]

    static func seed(app: Application, people: DemoPeople) async throws {
        try await add(1_240, app: app, campaign: nil)
        for (campaign, count) in [("markt-dappermarkt", 180), ("buurthuis-noord", 95), ("partner-fnv", 310)] {
            try await add(count, app: app, campaign: campaign)
        }
        let coordinator = people.coordinator
        for (name, code, channel) in [
            ("Dappermarkt, zaterdagen", "markt-dappermarkt", "street"), ("Buurthuis Noord", "buurthuis-noord", "street"),
            ("FNV Amsterdam", "partner-fnv", "partner"),
        ] {
            _ = try await SaveCampaign(app: app).run(
                by: coordinator, existing: nil, .init(name: name, code: code, channel: channel), language: .nl)
        }
        _ = try await RecordPaperSignatures(app: app).run(
            by: coordinator, sheet: "Lanceringsavond maart, lijst 1",
            lines: (0..<40).map { "\(firstNames[$0 % 20]) \(lastNames[$0 % 10]); \(app.reference.districts[$0 % 8].slug)" }.joined(
                separator: "\n"),
            campaign: "markt-dappermarkt", confirmed: true, language: .nl)
    }

    /// Inserts `count` confirmed online signatures in batches and raises the counter with them.
    @discardableResult
    static func add(_ count: Int, app: Application, campaign: String?) async throws -> Int {
        let districts = app.reference.districts.map(\.slug) + [Signature.outsideAmsterdam]
        let version = try await app.manifestoVersions.currentNumber(on: app.db)
        let now = app.clock.now()
        let run = UUID().uuidString.prefix(8).lowercased()
        var added = 0
        while added < count {
            let size = min(500, count - added)
            let batch = (0..<size).map { offset -> Signature in
                let n = added + offset
                let signature = Signature()
                signature.id = UUID()
                // Spread over the last month, names and times in different orders.
                signature.createdAt = now.addingTimeInterval(-Double((n * 7919) % (30 * 86400)))
                signature.confirmedAt = signature.createdAt.addingTimeInterval(600)
                signature.versionNumber = version
                signature.name = "\(firstNames[n % firstNames.count]) \(lastNames[n % lastNames.count])"
                signature.email = "demo-\(run)-\(n)@example.org"
                signature.emailCanonical = signature.email
                signature.emailDomain = "example.org"
                signature.district = districts[n % districts.count]
                signature.showName = n % 3 != 0
                signature.newsletter = n % 4 == 0
                signature.campaign = campaign
                signature.source = Signature.Source.online.rawValue
                signature.status = Signature.Status.confirmed.rawValue
                // A real secret, never mailed: nobody can follow (or guess) a demo signature's links.
                signature.tokenHash = SecureToken.hash(SecureToken.make())
                signature.volunteerInterest = n % 10 == 0
                return signature
            }
            try await app.db.writeTransaction { db in
                try await batch.create(on: db)
                try await SignatureCounter.add(batch.count, to: .online, on: db)
            }
            added += size
        }
        SignatureCounter.changed(app)
        return added
    }
}
