import Fluent
import KrachtCore
import Vapor

/// The demo's campaigns, matching the policy plan 2025 (a storytelling campaign, two media
/// campaigns, signing and fundraising) and using the codes the other demos use: the manifesto's
/// campaign codes and the fund's campaign slugs; and partners, the resident organisation the
/// source documents name and the manifesto demo's union, with generic neighbourhood partners.
enum CampaignsDemo {
    static let campaigns: [SaveMovementCampaign.Input] = [
        .init(
            name: "Manifest op straat", kind: "signing",
            description: "Handtekeningen verzamelen op markten en in buurthuizen, met de vakbond als partner.",
            starts_on: "2025-03-15", ends_on: "2025-12-31", codes: "markt-dappermarkt, buurthuis-noord, partner-fnv"),
        .init(
            name: "Lancering Solidariteitsfonds", kind: "media",
            description: "De bewustwordingscampagne bij de lancering van het fonds: lokale kranten, AT5 en sociale media.",
            starts_on: "2025-03-01", ends_on: "2025-04-30", codes: "lancering-fonds"),
        .init(
            name: "Amsterdam is van iedereen", kind: "media",
            description: "Tweede mediacampagne over het belang van een inclusieve stad, rond de begroting van de gemeente.",
            starts_on: "2025-10-01", ends_on: "2025-11-30", codes: "inclusieve-stad"),
        .init(
            name: "Verhalen van Mokum", kind: "storytelling",
            description: "Bewoners vertellen hoe solidariteit hun buurt sterker maakt, met foto's en toestemming van wie erin staat.",
            starts_on: "2025-05-01", ends_on: nil, codes: "verhalen-mokum"),
        .init(
            name: "Benefietavond juni", kind: "fundraising",
            description: "De benefietavond voor het Solidariteitsfonds en de crowdfunding eromheen.",
            starts_on: "2025-05-15", ends_on: "2025-06-30", codes: "benefietavond-juni"),
        .init(
            name: "Winterhulp", kind: "fundraising", description: "Geld voor acute hulp in de wintermaanden.",
            starts_on: "2025-11-15", ends_on: "2026-02-28", codes: "winterhulp"),
    ]

    static let partners: [SavePartner.Input] = [
        .init(
            name: "Wijkcentrum de Pijp", kind: "residents", since: "2025-01-15", ended_on: nil,
            what: "Mede-oprichter van het platform; vergaderruimte en de maandelijkse buurtbijeenkomst in De Pijp.",
            website: "https://wijkcentrumdepijp.nl"),
        .init(
            name: "FNV Amsterdam", kind: "other", since: "2025-04-01", ended_on: nil,
            what: "Verzamelt handtekeningen onder leden en deelt het manifest in de eigen nieuwsbrief.", website: "https://www.fnv.nl"),
        .init(
            name: "Buurthuis Noord", kind: "residents", since: "2025-03-20", ended_on: nil,
            what: "Inloopochtenden waar bewoners het manifest tekenen en hulp bij een aanvraag bij het fonds krijgen.", website: nil),
        .init(
            name: "Welzijnsorganisatie Nieuw-West", kind: "welfare", since: "2025-06-01", ended_on: nil,
            what: "Verwijst bewoners die buiten bestaande voorzieningen vallen door naar het Solidariteitsfonds.", website: nil),
        .init(
            name: "Basisschool De Regenboog, Oost", kind: "school", since: "2025-09-01", ended_on: nil,
            what: "Ouderkamer als plek voor verhalen en een buurtbijeenkomst per kwartaal.", website: nil),
        .init(
            name: "Interreligieus Overleg Zuidoost", kind: "faith", since: "2025-05-10", ended_on: nil,
            what: "Collecte voor het fonds en zalen voor bijeenkomsten in Zuidoost.", website: nil),
        .init(
            name: "Buurtbakkerij Dappermarkt", kind: "business", since: "2025-03-15", ended_on: "2025-12-31",
            what: "Stand op de markt voor de handtekeningenactie, koffie en brood bij de lancering.", website: nil),
    ]

    static func seed(app: Application, people: DemoPeople) async throws {
        guard try await MovementCampaign.query(on: app.db).count() == 0 else { return }
        for input in campaigns {
            _ = try await SaveMovementCampaign(app: app).run(by: people.coordinator, id: nil, input, language: .nl)
        }
        for input in partners {
            _ = try await SavePartner(app: app).run(by: people.coordinator, id: nil, input, language: .nl)
        }
    }
}
