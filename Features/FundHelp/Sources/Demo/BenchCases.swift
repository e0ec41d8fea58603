import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht fund bench-cases N --open M`: fills an empty case table with N made-up cases,
/// M of them still open, for the committee queue's and the key rotation's benchmarks
/// (`scripts/bench/fund-help.sh`). Every case is sealed as a real one is — its own name, details
/// and status token under the fund key, its person keys — because the queue opens the names it
/// shows and the rotation re-seals them all; only the inserts are bulk (500 rows a statement).
/// Refuses production and a table holding real cases.
struct BenchCasesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "count", help: "How many cases (e.g. 50000).") var count: Int
        @Option(name: "open", help: "How many of them still open (default a fifth).") var open: Int?
    }

    var help: String { "Benchmark only: fills an empty database with N sealed made-up cases, some open." }

    /// Every benchmark case's number starts so, to tell them from real ones.
    static let prefix = "BENCH-"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let started = Date()
        let total = max(0, signature.count)
        try await Self.seed(app: app, count: total, open: min(total, max(0, signature.open ?? total / 5))) { done in
            context.console.print("\(done) cases")
        }
        context.console.success("\(total) cases in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    static func seed(app: Application, count total: Int, open: Int, progress: (Int) -> Void = { _ in }) async throws {
        guard app.environment != .production else { throw Refused(description: "bench-cases never runs in production") }
        let real = try await SupportApplication.query(on: app.db).filter(\.$number !=~ prefix).count()
        guard real == 0 else { throw Refused(description: "the database holds \(real) real cases: seed an empty database only") }
        let proposer = UUID()
        var done = 0
        while done < total {
            let size = min(500, total - done)
            try await batch(from: done, count: size, open: open, proposer: proposer, app: app)
            done += size
            if done % 10_000 == 0 || done == total { progress(done) }
        }
    }

    /// Cases `start..<start+count`: the first `open` are open (received, question with a message,
    /// proposed with its decision), the rest closed (paid, declined, referred); one a quarter hour
    /// back in time, so the open ones are the newest.
    static func batch(from start: Int, count: Int, open: Int, proposer: UUID, app: Application) async throws {
        let sealer = app.fundSealer, context = ApplicantVault.Context.self
        let now = app.clock.now()
        var applications: [SupportApplication] = [], keys: [SupportPersonKey] = []
        var messages: [SupportMessage] = [], decisions: [SupportDecision] = []
        for n in start..<(start + count) {
            let sample = BenchSample(n)
            let application = SupportApplication()
            application.id = UUID()
            application.number = prefix + String(n)
            let token = SecureToken.make()
            application.statusTokenHash = SecureToken.hash(token)
            application.statusTokenSealed = try sealer.seal(token, context: context.statusToken)
            let status: SupportApplication.Status =
                n < open ? [.received, .received, .question, .proposed][n % 4] : [.paid, .paid, .declined, .referred][n % 4]
            application.status = status.rawValue
            application.category = SupportApplication.Category.allCases[n % 4].rawValue
            application.urgency = SupportApplication.Urgency.allCases[n % 3].rawValue
            application.requestedCents = Int64([7_500, 15_000, 25_000, 42_000, 60_000][n % 5])
            application.createdAt = now.addingTimeInterval(-Double(n) * 900)
            application.language = sample.language.rawValue
            application.district = ["A", "E", "F", "K", "M", "N", "T"][n % 7]
            application.channel = SupportApplication.Channel.applicant.rawValue
            application.nameSealed = try sealer.seal(sample.name, context: context.name)
            application.detailsSealed = try sealer.seal(
                String(decoding: try JSONEncoder().encode(sample.details), as: UTF8.self), context: context.details)
            application.criteriaVersion = status.isOpen ? nil : 1
            if status.isClosed {
                application.decidedAt = application.createdAt.addingTimeInterval(Double(2 + n % 5) * 86_400)
                application.closedAt = application.decidedAt
            }
            application.grantedCents = status == .paid ? application.requestedCents : nil
            application.paidCents = status == .paid ? application.requestedCents : 0
            application.paidAt = status == .paid ? application.decidedAt?.addingTimeInterval(86_400) : nil
            application.revision = 1
            applications.append(application)
            let id = application.id!
            keys += PersonKeys.make(
                applicationID: id, name: sample.name, phone: sample.details.phone, email: sample.details.email, sealer: sealer)
            if status == .question {
                let message = SupportMessage()
                message.$application.id = id
                message.author = SupportMessage.Author.committee.rawValue
                message.userID = proposer
                message.addressedTo = "applicant"
                message.bodySealed = try sealer.seal("Kun je een foto van de rekening sturen?", context: context.message)
                message.createdAt = application.createdAt.addingTimeInterval(3600)
                messages.append(message)
            }
            if status == .proposed {
                let decision = SupportDecision()
                decision.$application.id = id
                decision.outcome = SupportDecision.Outcome.grant.rawValue
                decision.state = SupportDecision.State.proposed.rawValue
                decision.amountCents = application.requestedCents
                decision.judgements = ["acute": "met", "no_provision": "met", "amsterdam": "met", "limits": "met"]
                decision.criteriaVersion = 1
                decision.noteSealed = try sealer.seal("Past binnen de criteria.", context: context.note)
                decision.proposedBy = proposer
                decision.proposedAt = application.createdAt.addingTimeInterval(7200)
                decisions.append(decision)
            }
        }
        let batch = (applications, keys, messages, decisions)
        try await app.db.writeTransaction { db in
            try await batch.0.create(on: db)
            for chunk in stride(from: 0, to: batch.1.count, by: 500) {
                try await batch.1[chunk..<min(chunk + 500, batch.1.count)].create(on: db)
            }
            if !batch.2.isEmpty { try await batch.2.create(on: db) }
            if !batch.3.isEmpty { try await batch.3.create(on: db) }
        }
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }
}

/// A made-up applicant for the benchmark: names and needs drawn from short lists.
struct BenchSample {
    var name: String
    var language: Language
    var details: ApplicantDetails

    init(_ n: Int) {
        let first = ["Amina", "Jan", "Olena", "Mustafa", "Priya", "Kofi", "Marta", "Yusuf", "Esther", "Tomasz", "Leyla", "Sem"]
        let last = ["Bakker", "El Idrissi", "Kowalska", "Yıldız", "Mensah", "de Boer", "Haddad", "Nowak", "Visser", "Osei"]
        name = "\(first[n % first.count]) \(last[(n / first.count) % last.count]) \(n)"
        language = Language.allCases[n % Language.allCases.count]
        details = ApplicantDetails(
            phone: String(format: "06%08d", n), email: n % 3 == 0 ? "bench\(n)@example.org" : nil,
            purpose: "Huur van deze maand, anders volgt ontruiming.", noProvision: "Geen recht op bijstand; de gemeente verwijst door.",
            contactBy: n % 3 == 0 ? "email" : "phone")
    }
}
