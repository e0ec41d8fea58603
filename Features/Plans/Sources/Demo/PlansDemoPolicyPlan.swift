import Foundation

/// The seed's policy plan 2025 (`000_*.txt`): its four strategic goals as sections, with the
/// activities the plan names under "Strategieën en actieplannen", in one version.
enum PlansDemoPolicyPlan {
    static let slug = "beleidsplan-2025"

    static let plan = DemoPlan(
        slug: slug, title: "Beleidsplan 2025",
        summary:
            "Hoe we in 2025 een brede beweging bouwen: het manifest, het Solidariteitsfonds, en bewoners verbonden aan initiatieven en acties.",
        versions: [(DemoPlan.day(2025, 1, 20), "Het beleidsplan voor 2025, vastgesteld door de coördinatiegroep.")],
        sections: [
            DemoSection(
                key: "fund", title: "1. Het Solidariteitsfonds opzetten en laten werken",
                bodies: [
                    1: """
                    Een fonds voor **tijdelijke en acute** steun aan Amsterdammers die buiten bestaande voorzieningen vallen: voor onderdak, voedsel of medische zorg, of bij een onrechtvaardige situatie die hun bestaan bedreigt. Met duidelijke criteria, open verantwoording en duurzame financiering.

                    **Doel 2025:** minstens 5.000 mensen of organisaties geven samen minstens € 100.000.
                    """
                ],
                activities: [
                    DemoActivity(
                        key: "criteria", title: "Aanvraagprocedure en criteria vaststellen", organiser: "Het fondsbestuur",
                        timing: "Eerste kwartaal 2025", needs: "Mensen met kennis van armoede en regelingen", domain: "armoede"),
                    DemoActivity(
                        key: "launchfund", title: "Het fonds lanceren met een grote campagne", organiser: "De coördinatiegroep",
                        timing: "Eind eerste kwartaal 2025", needs: "Vrijwilligers voor de campagne, verhalen van Amsterdammers",
                        domain: "communicatie-marketing"),
                    DemoActivity(
                        key: "partners", title: "Samenwerking met bedrijven en organisaties", organiser: "De penningmeester",
                        timing: "Derde kwartaal 2025", needs: "Contacten bij bedrijven en fondsen", domain: "economie"),
                ]),
            DemoSection(
                key: "manifesto", title: "2. Het manifest breed laten ondertekenen",
                bodies: [
                    1: """
                    Met campagnes online en op straat, en samen met maatschappelijke initiatieven en bekende Amsterdammers, vragen we zo veel mogelijk mensen het manifest te tekenen.

                    **Doel 2025:** minstens 10.000 handtekeningen.
                    """
                ],
                activities: [
                    DemoActivity(
                        key: "streets", title: "Handtekeningen ophalen op markten en pleinen", organiser: "Vrijwilligers per stadsdeel",
                        timing: "Elke zaterdag in het voorjaar", needs: "Mensen met een uur vrij, klemborden, een kraam",
                        domain: "participatie", district: "oost"),
                    DemoActivity(
                        key: "launchevent", title: "Lanceringsevenement van het manifest", organiser: "De coördinatiegroep",
                        timing: "Maart 2025", needs: "Sprekers, een zaal, vrijwilligers bij de deur", domain: "evenementen",
                        district: "zuid"),
                ]),
            DemoSection(
                key: "initiatives", title: "3. Bewoners verbinden aan initiatieven en acties",
                bodies: [
                    1: """
                    Amsterdammers die willen bijdragen, koppelen we aan initiatieven en actiegroepen. Wie een idee heeft, brengen we in contact met anderen met hetzelfde idee, zodat ze het onder de vlag van Kracht van Mokum kunnen opzetten. Een digitaal platform helpt daarbij.

                    **Doelen 2025:** minstens 25 Amsterdammers actief betrokken bij de organisatie; minstens 5 initiatieven of acties onder onze vlag; minstens 1.000 mensen geabonneerd of op een evenement geweest.
                    """
                ],
                activities: [
                    DemoActivity(
                        key: "platform", title: "Een digitaal platform om mensen te koppelen", organiser: "De coördinatiegroep",
                        timing: "2025", needs: "Mensen die het uitproberen en zeggen wat beter kan", domain: "participatie"),
                    DemoActivity(
                        key: "benefit", title: "Benefietavond voor het Solidariteitsfonds",
                        organiser: "Vrijwilligers met de coördinatiegroep",
                        timing: "Juni 2025", needs: "Artiesten, een zaal, mensen achter de bar", domain: "kunst-cultuur", district: "noord"),
                    DemoActivity(
                        key: "actionday", title: "Actiedag met vrijwilligersinitiatieven", organiser: "Initiatieven uit de stad",
                        timing: "September 2025", needs: "Initiatieven die meedoen, vrijwilligers", domain: "sociale-cohesie",
                        district: "zuidoost"),
                ]),
            DemoSection(
                key: "awareness", title: "4. Bewustwording en activisme vergroten",
                bodies: [
                    1: """
                    Met verhalen laten we zien hoe solidariteit Amsterdam sterker maakt. Met sociale media en campagnes brengen we het belang van een inclusieve stad breed onder de aandacht.

                    **Doelen 2025:** minstens één storytellingcampagne en twee grote mediacampagnes.
                    """
                ],
                activities: [
                    DemoActivity(
                        key: "stories", title: "Storytellingcampagne: solidariteit in de buurt", organiser: "De communicatiegroep",
                        timing: "Voorjaar 2025", needs: "Schrijvers, fotografen, Amsterdammers met een verhaal",
                        domain: "communicatie-marketing"),
                    DemoActivity(
                        key: "media", title: "Twee grote mediacampagnes", organiser: "De communicatiegroep",
                        timing: "Voorjaar en najaar 2025",
                        needs: "Contacten bij lokale media", domain: "communicatie-marketing"),
                ]),
        ])
}
