import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// Profiles for the demo residents that give `/voor-jou` real matches (Fatima: koken,
/// dinsdagavond, De Pijp, Armoede), and ideas with supporters and a message between residents.
enum MatchingDemo {
    /// Login → skills, domains, district, area, free cells (`weekday-part`), languages.
    static let profiles: [String: ([String], [String], String, String, [String], [String])] = [
        "fatima": (
            ["koken", "koken voor groepen"], ["armoede", "sociale-cohesie"], "zuid", "de-pijp-rivierenbuurt",
            ["2-evening", "4-evening", "6-morning"], ["ar", "nl"]
        ),
        "daan": (
            ["fietsen repareren", "klussen"], ["duurzaamheid"], "west", "oud-west-de-baarsjes", ["6-afternoon", "3-evening"], ["en", "nl"]
        ),
        "sanne": (
            ["tuinieren", "composteren"], ["groen", "duurzaamheid"], "oost", "watergraafsmeer", ["6-morning", "7-morning"], ["nl"]
        ),
        "mehmet": (["koken halal", "rijbewijs B"], ["armoede"], "nieuw-west", "slotervaart", ["5-evening", "5-afternoon"], ["nl", "tr"]),
        "priya": (
            ["rekenen", "bijles geven"], ["jongeren-educatie"], "west", "bos-en-lommer", ["1-afternoon", "3-afternoon"], ["en", "hi", "nl"]
        ),
        "joris": (["computerhulp", "uitleggen"], ["participatie"], "nieuw-west", "de-aker-sloten-nieuw-sloten", ["2-morning"], ["nl"]),
        "ayaan": (
            ["vertalen", "Engels"], ["communicatie-marketing", "participatie"], "zuidoost", "bijlmer-centrum", [], ["en", "nl", "so"]
        ),
        "noa": (["schrijven", "fotografie"], ["kunst-cultuur"], "centrum", "centrum-oost", ["7-afternoon"], ["en", "nl"]),
        "kwame": (
            ["voetbaltraining", "sport begeleiden"], ["sport-beweging"], "zuidoost", "gaasperdam", ["2-morning", "3-afternoon"],
            ["en", "nl"]
        ),
        "lotte": (
            ["luisteren", "ouderenzorg"], ["gezondheid-zorg"], "zuid", "buitenveldert-zuidas", ["3-afternoon", "1-morning"], ["nl"]
        ),
    ]

    static func seed(app: Application, people: DemoPeople) async throws {
        let now = app.clock.now()
        var byLogin: [String: User] = [:]
        for user in people.residents { byLogin[String(user.email.prefix { $0 != "@" })] = user }
        for (login, spec) in profiles.sorted(by: { $0.key < $1.key }) {
            guard let user = byLogin[login] else { continue }
            let userID = try user.requireID()
            let profile = ResidentProfile()
            profile.userID = userID
            profile.district = spec.2
            profile.area = spec.3
            profile.availability = (AvailabilityGrid.parse(spec.4) ?? AvailabilityGrid()).bits
            profile.languages = SpokenLanguage.join(spec.5) ?? "nl"
            profile.findable = login != "joris"
            profile.digest = login != "daan"
            profile.updatedAt = now.addingTimeInterval(-14 * 86_400)
            try await profile.create(on: app.db)
            for skill in try await SkillList.resolve(spec.0, at: profile.updatedAt, on: app.db) {
                let row = ProfileSkill()
                row.userID = userID
                row.skillID = try skill.requireID()
                try await row.create(on: app.db)
            }
            for domain in spec.1 {
                let row = ProfileDomain()
                row.userID = userID
                row.domain = domain
                try await row.create(on: app.db)
            }
        }
        try await ideas(byLogin, now: now, app: app)
    }

    /// Three open ideas with supporters, and a message about one of them.
    private static func ideas(_ people: [String: User], now: Date, app: Application) async throws {
        let ideas: [(String, String, String, String, String, [String], [String])] = [
            (
                "noa", "Ruilkast voor boeken en speelgoed",
                "Een kast op het plein waar buren boeken en speelgoed ruilen. Wie bouwt mee, wie verft hem?",
                "oost", "oud-oost", ["sociale-cohesie", "duurzaamheid"], ["sanne", "lotte"]
            ),
            (
                "kwame", "Zwemles voor volwassenen in Zuidoost",
                "Veel buren hebben nooit leren zwemmen. Met een badmeester en vrijwilligers kan dat alsnog.",
                "zuidoost", "gaasperdam", ["sport-beweging", "gezondheid-zorg"], ["ayaan"]
            ),
            (
                "mehmet", "Iftar voor de hele straat",
                "Een lange tafel op straat waar iedereen samen eet als de zon ondergaat, wat je ook gelooft.",
                "nieuw-west", "slotervaart", ["sociale-cohesie", "evenementen"], ["fatima", "joris"]
            ),
        ]
        for (n, spec) in ideas.enumerated() {
            guard let author = people[spec.0] else { continue }
            let created = now.addingTimeInterval(-Double(12 - n * 3) * 86_400)
            let idea = Idea()
            idea.authorID = author.id
            idea.title = spec.1
            idea.body = spec.2
            idea.district = spec.3
            idea.area = spec.4
            idea.status = .open
            idea.supporterCount = 0
            idea.createdAt = created
            idea.updatedAt = created
            try await idea.create(on: app.db)
            let ideaID = try idea.requireID()
            for domain in spec.5 {
                let row = IdeaDomain()
                row.ideaID = ideaID
                row.domain = domain
                try await row.create(on: app.db)
            }
            for (s, login) in spec.6.enumerated() {
                guard let supporter = people[login] else { continue }
                let row = IdeaSupporter()
                row.ideaID = ideaID
                row.userID = try supporter.requireID()
                row.createdAt = created.addingTimeInterval(Double(s + 1) * 86_400)
                try await row.create(on: app.db)
                idea.supporterCount += 1
            }
            try await idea.save(on: app.db)
            try await IdeaSearch.sync(idea, on: app.db)
            if n == 0, let sender = people[spec.6[0]], let authorID = author.id {
                let message = PlatformMessage()
                message.conversationID = Conversations.conversationID(try sender.requireID(), authorID, topic: .idea, topicID: ideaID)
                message.senderID = sender.id
                message.recipientID = authorID
                message.topic = .idea
                message.topicID = ideaID
                message.body = "Leuk idee! Ik heb nog oude planken en verf over. Zullen we zaterdag kijken waar de kast kan staan?"
                message.createdAt = created.addingTimeInterval(2 * 86_400)
                try await message.create(on: app.db)
            }
        }
    }
}
