import Fluent
import KrachtCore
import Vapor

/// `kracht demo`: fills an empty database with a realistic Amsterdam demo — people with
/// roles, and each feature's own demo content.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Fills an empty database with demo content (password for every demo account: kracht-demo-2026)." }

    static let password = "kracht-demo-2026"
    static let residents = [
        ("Fatima El Amrani", "fatima"), ("Daan de Vries", "daan"), ("Sanne Bakker", "sanne"), ("Mehmet Yilmaz", "mehmet"),
        ("Priya Ramdin", "priya"), ("Joris Visser", "joris"), ("Ayaan Osman", "ayaan"), ("Noa Cohen", "noa"),
        ("Kwame Mensah", "kwame"), ("Lotte Jansen", "lotte"),
    ]

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await User.query(on: app.db).count() == 0 else {
            throw "The database already has accounts; the demo fills only an empty database."
        }
        func make(_ name: String, _ login: String, _ roles: [Role]) async throws -> User {
            try await Accounts.create(app: app, name: name, email: "\(login)@demo.krachtvanmokum.nl", password: Self.password,
                                      confirmed: true, roles: roles)
        }
        let admin = try await make("Mila Beheer", "admin", [.admin])
        let coordinator = try await make("Youssef Coördinator", "coordinator", [.coordinator])
        _ = try await make("Ingrid Fondscommissie", "fonds", [.fundCommittee])
        _ = try await make("Bram Penningmeester", "penningmeester", [.treasurer])
        _ = try await make("Esra Initiatiefnemer", "initiatief", [.initiator])
        var residents: [User] = []
        for (name, login) in Self.residents { residents.append(try await make(name, login, [])) }
        let people = DemoPeople(admin: admin, coordinator: coordinator, residents: residents)
        for feature in app.features { try await feature.seedDemo(app: app, people: people) }
        context.console.success("Demo ready. Log in as admin@demo.krachtvanmokum.nl with password \(Self.password).")
    }
}
