import Fluent
import Foundation
import KrachtCore

/// What the demo's residents did on the plans: reactions (replies, an answer as the movement,
/// one held after three reports, one removed by a moderator), supports, sign-ups, suggestions
/// (accepted and published with credit, open, declined with a reason) and follows.
struct PlansDemoParticipation {
    let people: DemoPeople
    let reference: ReferenceData
    let now: Date
    let db: any Database

    /// Residents by login name (`fatima`, `daan`, …).
    func resident(_ login: String) -> UUID {
        let index = DemoPeople.residentNames.firstIndex { $0.login == login } ?? 0
        return people.residents[index].id!
    }

    func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    func callsToAction(_ plan: WrittenDemoPlan) async throws {
        let coordinator = people.coordinator.id!
        // On version 2, before version 3 removed the doubled bullet: it stays marked as written on 2.
        let doubled = try await react(
            plan, "municipality", nil, nil, 2, resident("mehmet"), "Het punt over de training van ambtenaren staat er twee keer in.", 20)
        try await react(
            plan, "municipality", nil, doubled, 2, coordinator,
            "Goed gezien, dank je. Er ligt een voorstel om het weg te halen; dat nemen we mee in de volgende versie.", 18, asMovement: true)
        try await react(
            plan, "politics", "diabat", nil, 2, resident("daan"), "Komt er een verslag van de diabat? Ik kon er niet bij zijn.", 16)
        let venue = try await react(
            plan, "networks", "meetups", nil, 3, resident("sanne"), "Mooi! In de Indische Buurt is een buurthuis dat dit graag wil hosten.",
            7)
        try await react(
            plan, "networks", "meetups", venue, 3, resident("kwame"), "In Zuidoost ook. Ik meld me aan om mee te organiseren.", 6)
        try await react(
            plan, "dialogue", nil, nil, 3, resident("noa"), "Dialoogbewakers lijkt me heel goed. Komt er een korte training voor?", 5)
        try await react(
            plan, "support", nil, nil, 3, resident("priya"), "In Nieuw-West hebben we dit hard nodig. Wij denken graag mee over de taken.",
            4)
        // Hidden after three reports, waiting for a moderator.
        let held = try await react(
            plan, "politics", nil, nil, 3, resident("ayaan"), "Politici luisteren toch nooit, het zijn allemaal zakkenvullers.", 3)
        try await report(held, by: ["fatima", "sanne", "noa"], reason: "insult", status: .held)
        // Reported, then removed by the coordinator: the decision is in the log.
        let spam = try await react(
            plan, "networks", nil, nil, 2, resident("joris"), "Goedkope zonnepanelen? Kijk op mijn website, nu met korting!", 15)
        try await report(spam, by: ["daan", "lotte", "mehmet"], reason: "spam", status: .removed)
        let decision = PlanModerationDecision()
        decision.reactionID = spam
        decision.moderatorID = coordinator
        decision.decision = .remove
        decision.reason = "Reclame: tegen de huisregels."
        decision.createdAt = daysAgo(14)
        try await decision.create(on: db)

        try await support(plan, "diabat", ["fatima", "daan", "sanne", "mehmet", "noa"])
        try await support(plan, "meetups", ["fatima", "sanne", "kwame", "lotte", "priya", "ayaan", "noa"])
        try await support(plan, "staff", ["mehmet", "joris", "priya"])
        try await support(plan, "training", ["mehmet", "fatima"])
        try await support(plan, "guards", ["noa", "daan"])
        try await signUp(plan, "meetups", "kwame", .organise, "Ik ken een ruimte in Zuidoost die we gratis mogen gebruiken.")
        try await signUp(plan, "meetups", "lotte", .help, "Ik help graag met de borrel.")
        try await signUp(plan, "diabat", "daan", .help, "")
        try await signUp(plan, "guards", "noa", .organise, "Ik heb ervaring als gespreksleider.")

        // Fatima's suggestion, accepted and published in version 3.
        let accepted = suggestion(
            plan, "municipality", .sectionText, "fatima", 2, "Het dubbele punt over de training weghalen",
            PlansDemoCallsToAction.municipality.body(at: 3),
            "Het punt over de training van ambtenaren staat er twee keer. Eén keer is genoeg.", 19)
        accepted.status = .accepted
        accepted.decisionReason = "Dank je, goed gezien."
        accepted.decidedBy = coordinator
        accepted.decidedAt = daysAgo(12)
        accepted.appliedVersion = 3
        try await accepted.create(on: db)
        let open = suggestion(
            plan, "networks", .activity, "kwame", 3, "Buurtontmoeting op zaterdagmiddag in Zuidoost",
            "Een keer per maand op zaterdagmiddag, met kinderopvang, voor wie 's avonds werkt.",
            "Veel mensen in mijn buurt werken 's avonds. Zo kunnen zij ook meedoen.", 2)
        open.timing = "Eén zaterdagmiddag per maand"
        open.needs = "Een ruimte, twee mensen voor de kinderen"
        open.domain = "sociale-cohesie"
        open.district = reference.district(slug: "zuidoost")?.code
        try await open.create(on: db)
        let declined = suggestion(
            plan, "politics", .activity, "joris", 2, "Een petitie aan de gemeenteraad",
            "Handtekeningen verzamelen voor een petitie over burgerparticipatie.", "Dan zien ze hoeveel mensen dit willen.", 17)
        declined.status = .declined
        declined.decisionReason =
            "Het manifest doet dit al: we vragen je om dat te laten tekenen in plaats van een tweede lijst te beginnen."
        declined.decidedBy = coordinator
        declined.decidedAt = daysAgo(12)
        try await declined.create(on: db)

        try await follow(plan, ["fatima", "mehmet", "kwame", "noa"])
    }

    func policyPlan(_ plan: WrittenDemoPlan) async throws {
        let coordinator = people.coordinator.id!
        let question = try await react(
            plan, "fund", nil, nil, 1, resident("fatima"), "Fijn dat het fonds er komt. Hoe snel kan iemand in nood geholpen worden?", 25)
        try await react(
            plan, "fund", nil, question, 1, coordinator, "We willen binnen een week beslissen, bij acute nood sneller.", 24,
            asMovement: true)
        try await react(plan, "initiatives", "benefit", nil, 1, resident("lotte"), "Ik kan helpen achter de bar!", 11)
        let story = try await react(
            plan, "awareness", nil, nil, 1, resident("mehmet"), "Ik heb een verhaal over mijn buurt. Hoe lever ik dat aan?", 9)
        try await react(plan, "awareness", nil, story, 1, resident("sanne"), "Ik ook! Misschien kunnen we samen iets maken.", 8)

        try await support(plan, "streets", ["priya", "sanne", "daan", "ayaan"])
        try await support(plan, "benefit", ["lotte", "noa", "ayaan", "fatima", "kwame", "joris"])
        try await support(plan, "platform", ["daan", "joris", "priya"])
        try await support(plan, "criteria", ["fatima", "mehmet"])
        try await signUp(plan, "benefit", "noa", .organise, "Ik ken artiesten die willen spelen.")
        try await signUp(plan, "benefit", "ayaan", .help, "")
        try await signUp(plan, "streets", "priya", .help, "Zaterdagochtend op de Dappermarkt.")
        try await signUp(plan, "streets", "sanne", .organise, "")
        try await follow(plan, ["priya", "sanne"])
    }

    @discardableResult
    func react(
        _ plan: WrittenDemoPlan, _ section: String, _ activity: String?, _ parent: UUID?, _ version: Int, _ user: UUID, _ body: String,
        _ days: Double, asMovement: Bool = false
    ) async throws -> UUID {
        let reaction = PlanReaction(
            planID: plan.id, sectionID: plan.section(section), activityID: activity.map(plan.activity), parentID: parent,
            versionNumber: version, userID: user, asMovement: asMovement, body: body, now: daysAgo(days))
        try await reaction.create(on: db)
        return try reaction.requireID()
    }

    /// Reports as `ReportReaction` writes them (reporter key, reason code), enough of them to hold it.
    func report(_ reaction: UUID, by logins: [String], reason: String, status: PlanReaction.Status) async throws {
        let reporters = logins.prefix(max(1, PlanReaction.reportThreshold))
        for (index, login) in reporters.enumerated() {
            let report = PlanReactionReport()
            report.reactionID = reaction
            report.reporterKey = "u:" + resident(login).uuidString
            report.reason = reason
            report.createdAt = now.addingTimeInterval(Double(index - 3) * 3_600)
            try await report.create(on: db)
        }
        guard let row = try await PlanReaction.find(reaction, on: db) else { return }
        row.reportCount = reporters.count
        row.status = status
        try await row.save(on: db)
    }

    func support(_ plan: WrittenDemoPlan, _ activity: String, _ logins: [String]) async throws {
        for (index, login) in logins.enumerated() {
            let support = PlanSupport()
            support.planID = plan.id
            support.activityID = plan.activity(activity)
            support.userID = resident(login)
            support.createdAt = daysAgo(Double(20 - index))
            try await support.create(on: db)
        }
    }

    func signUp(_ plan: WrittenDemoPlan, _ activity: String, _ login: String, _ role: PlanSignup.Role, _ note: String) async throws {
        let signup = PlanSignup()
        signup.planID = plan.id
        signup.activityID = plan.activity(activity)
        signup.userID = resident(login)
        signup.role = role
        signup.note = note
        signup.createdAt = daysAgo(6)
        try await signup.create(on: db)
    }

    func follow(_ plan: WrittenDemoPlan, _ logins: [String]) async throws {
        for login in logins {
            let follow = PlanFollow()
            follow.planID = plan.id
            follow.userID = resident(login)
            follow.createdAt = daysAgo(21)
            try await follow.create(on: db)
        }
    }

    func suggestion(
        _ plan: WrittenDemoPlan, _ section: String, _ kind: PlanSuggestion.Kind, _ login: String, _ base: Int, _ title: String,
        _ body: String,
        _ explanation: String, _ days: Double
    ) -> PlanSuggestion {
        let suggestion = PlanSuggestion()
        suggestion.planID = plan.id
        suggestion.sectionID = plan.section(section)
        suggestion.kind = kind
        suggestion.title = title
        suggestion.body = body
        suggestion.timing = ""
        suggestion.needs = ""
        suggestion.explanation = explanation
        suggestion.baseVersion = base
        suggestion.userID = resident(login)
        suggestion.status = .open
        suggestion.createdAt = daysAgo(days)
        return suggestion
    }
}
