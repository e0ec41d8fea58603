import Foundation

/// The seed's "Calls to Action" (`002_*.txt`): five calls, dated versions of 8 and 22 October
/// 2021, and a later one that drops the bullet section 2 had twice (a resident's suggestion).
enum PlansDemoCallsToAction {
    static let slug = "calls-to-action"

    static func plan(lastVersion: Date) -> DemoPlan {
        DemoPlan(
            slug: slug, title: "Calls to Action",
            summary:
                "Vijf oproepen uit het pleidooi en het symposium, uitgewerkt in activiteiten. Reageer, steun een activiteit of doe mee.",
            versions: [
                (DemoPlan.day(2021, 10, 8), "Eerste versie, na de bijeenkomsten van 6 en 8 oktober met de coördinatiegroep en partners."),
                (DemoPlan.day(2021, 10, 22), "De buurtconferentie van 2 november over Samen Stadmaken toegevoegd aan onderdeel 5."),
                (lastVersion, "Het dubbele punt over de training van ambtenaren in onderdeel 2 weggehaald (voorstel van een lezer)."),
            ],
            sections: [intro, politics, municipality, dialogue, support, networks, closing])
    }

    static let intro = DemoSection(
        key: "intro", title: "Inleiding",
        bodies: [
            1: """
            Op 6 en 8 oktober hebben de coördinatiegroep van Kracht van Mokum en enkele samenwerkingspartners besloten de **vijf Calls to Action** uit het pleidooi verder aan te pakken. Ze staan na het symposium nog recht overeind. Hieronder staat hoe ver we zijn.

            Dit plan is een *dynamisch geheel*. Je kunt reageren, andere activiteiten voorstellen, je steun geven aan een activiteit of je aanmelden om mee te helpen of te organiseren. Wat we horen, verwerken we in een nieuwe versie. Bij elke versie staat de datum en wat er veranderd is.

            Alle activiteiten zijn plannen. Er zijn mensen en middelen nodig om ze uit te voeren. Geef dus je steun, reageer, of meld je aan.
            """
        ])

    static let politics = DemoSection(
        key: "politics", title: "1. De politiek spreekt zich uit: het moet anders",
        bodies: [
            1: """
            Het symposium, gesprekken daarna en vooral de inzet van actieve bewoners hebben al iets opgeleverd: de wethouder democratisering en de burgemeester hebben publiek erkend dat de gemeente **meer en beter moet luisteren** naar bewoners. Wantrouwen moet plaatsmaken voor vertrouwen. Maar we zijn er nog lang niet.

            We brengen een politieke lobby op gang, zodat "het moet anders" wordt: "het is anders en beter geworden". De gemeenteraadsverkiezingen van 16 maart 2022 zijn een mooi moment om die lobby een flinke duw te geven.

            - We leggen het pleidooi voor aan kandidaten op alle kieslijsten en vragen om een gesprek met de kandidaten per partij.
            - Kandidaten die we kennen vragen we het te lezen; we lichten het graag toe.
            - Wat we naar de politiek sturen, sturen we ook naar bewoners, bondgenoten en netwerken.
            - We reageren schriftelijk op de verkiezingsprogramma's van alle Amsterdamse partijen, over democratisering en burgerparticipatie.
            - Elke fractieleider bieden we een dialoog aan over burgerparticipatie en democratisering.
            - We nodigen alle fractieleiders uit voor een *diabat* (dialoog en debat), rond begin maart 2022.

            Steeds nemen we mee hoe de gemeentelijke organisatie actief kan meedoen met initiatieven uit de stad.
            """
        ],
        activities: [
            DemoActivity(
                key: "candidates", title: "Het pleidooi voorleggen aan kandidaten op alle kieslijsten", organiser: "De coördinatiegroep",
                timing: "Voor de verkiezingen van 16 maart 2022", needs: "Mensen die contact leggen met kandidaten per partij",
                domain: "participatie"),
            DemoActivity(
                key: "programmes", title: "Schriftelijk reageren op de verkiezingsprogramma's", organiser: "De coördinatiegroep",
                timing: "Januari 2022", needs: "Twee of drie mensen die programma's lezen en meeschrijven", domain: "participatie"),
            DemoActivity(
                key: "diabat", title: "Een diabat met alle fractieleiders", organiser: "Kracht van Mokum met samenwerkingspartners",
                timing: "Rond begin maart 2022", needs: "Een zaal, een gespreksleider, actieve bewoners met hun voorbeelden",
                domain: "participatie", district: "centrum"),
        ])

    static let duplicatedBullet =
        "- Deze nieuwe werkvorm vraagt om training van ambtenaren en bestuurders. Er komt een leertraject, dat we in de praktijk toetsen aan initiatieven die actieve bewoners aandragen.\n"

    static let municipalityText = """
        Uit onze gesprekken blijkt dat de houding van veel ambtenaren, politici en buurtprofessionals, zonder dat ze het zo bedoelen, bewoners ontmoedigt om zich voor hun buurt in te zetten. Ambtenaren krijgen op hun beurt een rugzak vol regels en voorwaarden mee. En wie betaalt wat, speelt vaak mee. Eerst moeten er dus drempels weg.

        - We zetten de dialoog met de ambtelijke staf voort in informele bijeenkomsten: regelmatig, niet langer dan twee uur.
        - We vragen de burgemeester per brief om dialoogsessies met de coördinatiegroep en haar partners over democratisering en burgerparticipatie.
        - We laten onderzoeken tegen welke drempels ambtenaren aanlopen als ze actief willen meedoen, en zoeken met het management hoe die weg kunnen.

        """

    static let municipality = DemoSection(
        key: "municipality", title: "2. De gemeente gaat actief meedoen met initiatieven uit de stad",
        bodies: [
            1: municipalityText.replacingOccurrences(of: "weg kunnen.\n", with: "weg kunnen.\n" + duplicatedBullet + duplicatedBullet),
            3: municipalityText.replacingOccurrences(of: "weg kunnen.\n", with: "weg kunnen.\n" + duplicatedBullet),
        ],
        activities: [
            DemoActivity(
                key: "staff", title: "Informele bijeenkomsten met de ambtelijke staf", organiser: "De coördinatiegroep",
                timing: "Regelmatig, hoogstens twee uur", needs: "Een ruimte en bewoners die willen vertellen", domain: "participatie"),
            DemoActivity(
                key: "mayor", title: "Brief aan de burgemeester: vraag om dialoogsessies", organiser: "De coördinatiegroep",
                timing: "November 2021", needs: "Iemand die de brief mee schrijft", domain: "participatie"),
            DemoActivity(
                key: "training", title: "Een leertraject voor ambtenaren en bestuurders", organiser: "Nog niemand: meld je aan",
                timing: "2022", needs: "Trainers, en initiatieven om het in de praktijk te toetsen", domain: "jongeren-educatie"),
        ])

    static let dialogue = DemoSection(
        key: "dialogue", title: "3. Een nieuwe werkwijze: dialoog",
        bodies: [
            1: """
            Overleg op basis van **dialoog** tussen groepen binnen de overheid en in de samenleving is lastig. Het blijkt niet vanzelf te gaan om de dialoog te voeren en te blijven voeren, onder elkaar en met elkaar. We moeten dus bedenken hoe we dat in de praktijk doen.

            Bijvoorbeeld met *dialoogbewakers* bij alle sessies uit de andere calls. Wantrouwen en ongelijkheid tussen partijen kunnen een gesprek verstoren; misschien zijn er spelregels nodig. Er zijn ook trainingen in te huren.
            """
        ],
        activities: [
            DemoActivity(
                key: "guards", title: "Dialoogbewakers bij elke sessie", organiser: "Kracht van Mokum",
                timing: "Vanaf de eerste buurtsessie",
                needs: "Mensen die een gesprek willen bewaken; een korte training", domain: "sociale-cohesie"),
            DemoActivity(
                key: "rules", title: "Spelregels voor de dialoog opstellen", organiser: "Bewoners en ambtenaren samen",
                timing: "Begin 2022",
                needs: "Een avond en een gespreksleider", domain: "sociale-cohesie"),
        ])

    static let support = DemoSection(
        key: "support", title: "4. Bewonersondersteuning, huisvesting en middelen waarborgen",
        bodies: [
            1: """
            Veel actieve bewoners zeggen dat ze te weinig ondersteuning hebben om hun initiatieven waar te maken. "Het gemeentebestuur heeft een heel ambtenarenapparaat als ondersteuning," hoorden we. Dat voelt als grote ongelijkheid. Er komen nu al vragen naar advies over organisatie, vrijwilligers werven en subsidieaanvragen. Men vraagt om een **ondersteuningsinstelling**.

            Zo'n instelling kan ook de schakel zijn tussen actieve bewoners en de gemeente. We maken een plan voor een professionele ondersteuningsinstelling **per stadsdeel**, samen met actieve bewoners. Zij bepalen welke taken die krijgt, en of het een nieuwe organisatie wordt of een bestaande instelling in hun wijk. De gemeente mag taken inbrengen, en stimuleert en betaalt de ontwikkeling.
            """
        ],
        activities: [
            DemoActivity(
                key: "supportplan", title: "Plan voor een ondersteuningsinstelling per stadsdeel",
                organiser: "Actieve bewoners per stadsdeel",
                timing: "2022", needs: "Bewoners uit elk stadsdeel, een ontwikkelbudget van de gemeente", domain: "participatie",
                district: "nieuw-west"),
            DemoActivity(
                key: "handout", title: "Een korte handreiking met mogelijkheden", organiser: "De coördinatiegroep", timing: "Eind 2021",
                needs: "Iemand die helder kan schrijven", domain: "communicatie-marketing"),
        ])

    static let networksText = """
        - In alle wijken komt er **elke maand** een ontmoeting van actieve bewoners: eerst een dialoogsessie van een uur over één onderwerp, dan een borrel. De onderwerpen kiezen we samen; een professional begeleidt. Je mag ook alleen naar een van de twee. Ambtenaren en (deel)raadsleden zijn welkom. Altijd door de week, 's avonds vanaf 19.30 uur. Wie het organiseert, bekijken we nog; de overheid betaalt.
        - De Omgevingsvisie Amsterdam 2050 is deze zomer vastgesteld. *Samen Stadmaken* is een van de vijf keuzes: Amsterdam wordt gemaakt door de hele gemeenschap, niet alleen door gemeente en ontwikkelaars. Hoe krijgen bewoners meer eigenaarschap in hun buurt, en hoe worden bewoners en ambtenaren gelijkwaardiger?
        """

    static let networks = DemoSection(
        key: "networks", title: "5. Bewonersnetwerken verbonden en inclusief",
        bodies: [
            1: networksText,
            2: networksText
                + "\n- De gemeente en Kracht van Mokum houden op **2 november 2021** een buurtconferentie over Samen Stadmaken.\n",
        ],
        activities: [
            DemoActivity(
                key: "meetups", title: "Maandelijkse buurtontmoeting: dialoog en borrel", organiser: "Nog te bepalen, per wijk",
                timing: "Elke maand, door de week vanaf 19.30 uur", needs: "Een ruimte per wijk, een gespreksleider, hapjes",
                domain: "sociale-cohesie", district: "noord"),
            DemoActivity(
                key: "conference", title: "Buurtconferentie Samen Stadmaken", organiser: "De gemeente en Kracht van Mokum",
                timing: "2 november 2021", needs: "Bewoners met goede ideeën voor hun buurt", domain: "gebiedsontwikkeling", since: 2),
        ])

    static let closing = DemoSection(
        key: "closing", title: "Tot slot",
        bodies: [
            1: """
            De coördinatiegroep en de vertegenwoordigers van de samenwerkingspartners zijn een kleine groep. We kunnen niet alles alleen. Er is in elk geval een professionele coördinator nodig en iemand voor communicatie en secretariaat. Aan een organisatie en een begroting wordt gewerkt.
            """
        ])
}
