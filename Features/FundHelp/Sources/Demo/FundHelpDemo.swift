import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht demo`'s requests for help, made through the commands the app itself uses (applying,
/// asking, proposing, approving with a second member, paying, ending unpaid, erasing), so each is sealed, mailed
/// and booked as a real one and `kracht verify` passes: cases in every state, in all five
/// languages, one through a referrer, over the past five weeks. Runs after the fund's demo,
/// whose gifts the grants are paid from. The committee (`fonds@`, and `fonds2@` for the second
/// pair of eyes) and the treasurer (`penningmeester@`) can walk the rest of the flow.
enum FundHelpDemo {
    static let secondMember = (name: "Samira Ouali", login: "fonds2")
    /// The demo referrer (`verwijzer@`, `DemoPeople.referrer`) works here.
    static let referrerOrganisation = "Wijkteam Noord"

    static func seed(app: Application, people: DemoPeople) async throws {
        let domain = "@demo.krachtvanmokum.nl"
        let second = try await Accounts.create(
            app: app, name: secondMember.name, email: secondMember.login + domain, password: DemoPeople.password, confirmed: true,
            roles: [.fundCommittee])
        let referrerUser = people.referrer
        // Walk the clock back five weeks and forward case by case, so every date is true: the
        // cases' steps add up to more than four weeks, and none may land after today.
        let days = 35.0
        app.clock.advance(by: -days * 86_400)
        var travelled: TimeInterval = 0
        defer { app.clock.advance(by: days * 86_400 - travelled) }
        let walk = { (hours: Double) in
            app.clock.advance(by: hours * 3600)
            travelled += hours * 3600
        }
        let run = Steps(app: app, first: people.fundCommittee, second: second, treasurer: people.treasurer)
        for (index, demo) in DemoCases.all.enumerated() {
            let id = try await run.apply(demo, index: index, referrer: demo.viaReferrer ? referrerUser : nil)
            walk(demo.hoursToDecision)
            try await run.finish(id, as: demo.state, walk: walk)
            walk(demo.hoursToNext)
        }
    }

    /// The real commands, one case at a time.
    struct Steps {
        let app: Application
        let first, second, treasurer: User

        func apply(_ demo: DemoCases.Case, index: Int, referrer: User?) async throws -> UUID {
            var fields = demo.fields
            fields["form_id"] = "demo-case-\(index)-" + String(repeating: "0", count: 12)
            fields["consent"] = "1"
            if referrer != nil { fields["organisation"] = FundHelpDemo.referrerOrganisation }
            let outcome = try await SubmitApplication(app: app).run(
                ApplyForm(fields: fields), files: [], referrer: referrer, language: demo.language, ip: "192.0.2.\(index + 1)")
            guard case .submitted(let application, _) = outcome else { throw DemoFailed(step: "apply \(index): \(outcome)") }
            return try application.requireID()
        }

        func finish(_ id: UUID, as state: DemoCases.State, walk: (Double) -> Void) async throws {
            let allMet = ["acute": "met", "no_provision": "met", "amsterdam": "met", "limits": "met"]
            switch state {
            case .received: return
            case .question(let text):
                let asked = try await AskQuestion(app: app).run(id, to: "applicant", text: text, revision: nil, by: first, language: .nl)
                guard asked == .asked else { throw DemoFailed(step: "ask: \(asked)") }
            case .declined(let criterion, let note):
                var judgements = allMet
                judgements[criterion] = "not_met"
                try await propose(id, .init(judgements: judgements, outcome: "decline", criterion: criterion, note: note))
            case .referred(let organisation):
                try await propose(id, .init(judgements: allMet, outcome: "refer", referredTo: organisation))
            case .proposed(let amount), .granted(let amount), .paid(let amount, _), .erased(let amount), .withdrawn(let amount):
                try await propose(id, .init(judgements: allMet, outcome: "grant", amount: amount, note: "Past binnen de criteria."))
                if case .proposed = state { return }
                walk(20)
                let approved = try await ApproveGrant(app: app).approve(id, revision: nil, by: second)
                guard approved == .approved else { throw DemoFailed(step: "approve: \(approved)") }
                if case .granted = state { return }
                walk(26)
                if case .withdrawn = state {
                    let ended = try await CancelGrantRest(app: app).run(id, reason: "unreachable", by: first)
                    guard case .cancelled = ended else { throw DemoFailed(step: "cancel: \(ended)") }
                    return
                }
                try await pay(id, amount: amount, state: state)
                if case .erased = state {
                    walk(72)
                    try await app.db.writeTransaction { db in
                        guard let application = try await SupportApplication.locked(id, on: db) else { return }
                        _ = try await EraseCase.run(application, app: app, on: db)
                    }
                }
            }
        }

        private func propose(_ id: UUID, _ input: ProposeDecision.Input) async throws {
            let outcome = try await ProposeDecision(app: app).run(id, input, by: first, language: .nl)
            switch outcome {
            case .proposed, .declined, .referred: return
            default: throw DemoFailed(step: "propose: \(outcome)")
            }
        }

        /// A transfer goes out in a pain.001 file and is marked paid; cash is paid at once.
        private func pay(_ id: UUID, amount: String, state: DemoCases.State) async throws {
            var input = CreatePayout.Input(amount: amount, method: "cash")
            if case .paid(_, let transfer?) = state {
                input = CreatePayout.Input(
                    amount: amount, method: "transfer", payee: "creditor", name: transfer.name, iban: transfer.iban,
                    remittance: transfer.remittance)
            }
            let created = try await CreatePayout(app: app).run(input, caseID: id, by: treasurer, language: .nl)
            switch created {
            case .paid: return
            case .created(let payoutID):
                guard case .exported = try await ExportPayouts(app: app).run(by: treasurer) else { throw DemoFailed(step: "export") }
                let marked = try await MarkPayoutPaid(app: app).run(payoutID, by: treasurer)
                guard marked == .paid else { throw DemoFailed(step: "mark paid: \(marked)") }
            default: throw DemoFailed(step: "payout: \(created)")
            }
        }
    }

    struct DemoFailed: Error, CustomStringConvertible {
        var step: String
        var description: String { "the fund help's demo failed at: \(step)" }
    }
}
