import Foundation

/// The demo's initiatives: invented, across all 8 districts and all 20 domains, with actions of
/// every kind. `organiser`: 0 = the demo initiator, n = the demo resident n (1 = Daan, …).
enum InitiativesDemoData {
    struct Entry {
        var name, district: String
        var area: String?
        var domains: [String]
        var summary: String
        var organiser: Int
        var status = "approved"
        var underFlag = false
        /// Title, kind (task/shift/role), skills, weekday (shift) or days from now (task), part, online.
        var actions: [(String, String, [String], Int, String, Bool)]
    }

    static let entries: [Entry] = [
        Entry(
            name: "Buurtkeuken De Pijp", district: "zuid", area: "de-pijp-rivierenbuurt", domains: ["armoede", "sociale-cohesie"],
            summary: "Elke dinsdagavond koken buren samen een warme maaltijd voor wie het krap heeft.", organiser: 0, underFlag: true,
            actions: [
                ("Koken voor de dinsdagmaaltijd", "shift", ["koken", "koken voor groepen"], 2, "evening", false),
                ("Boodschappen halen bij de groothandel", "task", ["rijbewijs B", "sjouwen"], 4, "morning", false),
                ("Afwassen en opruimen na de maaltijd", "shift", ["opruimen"], 2, "evening", false),
            ]),
        Entry(
            name: "Taalcafé Rivierenbuurt", district: "zuid", area: "de-pijp-rivierenbuurt",
            domains: ["participatie", "jongeren-educatie"],
            summary: "Nederlands oefenen aan tafel, met koffie en zonder huiswerk.", organiser: 2,
            actions: [
                ("Taalmaatje op donderdagochtend", "shift", ["Nederlands lesgeven", "luisteren"], 4, "morning", false),
                ("Arabische flyers vertalen", "role", ["vertalen", "Arabisch"], 0, "", true),
            ]),
        Entry(
            name: "Buurtzorgkring Buitenveldert", district: "zuid", area: "buitenveldert-zuidas",
            domains: ["gezondheid-zorg", "sociale-cohesie"],
            summary: "Buren letten op elkaar: een praatje, een boodschap, samen wandelen.", organiser: 4,
            actions: [("Wandelmaatje voor een oudere buur", "shift", ["luisteren", "wandelen"], 3, "afternoon", false)]),
        Entry(
            name: "Bewonerscommissie Oud-Zuid", district: "zuid", area: "oud-zuid", domains: ["vastgoed", "vergunningen"],
            summary: "Huurders die samen opkomen voor goed onderhoud en eerlijke huur.", organiser: 5,
            actions: [("Notulist voor de bewonersavond", "task", ["notuleren"], 9, "evening", false)]),
        Entry(
            name: "Jongerenpodium De Pijp", district: "zuid", area: "de-pijp-rivierenbuurt",
            domains: ["jongeren-educatie", "kunst-cultuur", "evenementen"],
            summary: "Een podium waar jongeren optreden en leren organiseren.", organiser: 6, underFlag: true,
            actions: [
                ("Geluidstechnicus voor de open avond", "task", ["geluidstechniek"], 12, "evening", false),
                ("Promotie op sociale media", "role", ["sociale media"], 0, "", true),
            ]),
        Entry(
            name: "Huiskamer Nieuwmarkt", district: "centrum", area: "centrum-oost", domains: ["sociale-cohesie", "participatie"],
            summary: "Een open huiskamer met koffie, een krant en een luisterend oor.", organiser: 0,
            actions: [("Gastvrouw of gastheer op de inloop", "shift", ["gastvrijheid", "koffie zetten"], 1, "morning", false)]),
        Entry(
            name: "Taalcafé Jordaan", district: "centrum", area: "centrum-west", domains: ["participatie", "jongeren-educatie"],
            summary: "Wekelijks Nederlands praten met buren uit alle landen.", organiser: 7,
            actions: [("Gespreksleider op woensdagavond", "shift", ["Nederlands lesgeven"], 3, "evening", false)]),
        Entry(
            name: "Gevelgroen Centrum-West", district: "centrum", area: "centrum-west", domains: ["groen", "gebiedsontwikkeling"],
            summary: "Geveltuinen en boomspiegels die de grachtengordel groener maken.", organiser: 8,
            actions: [("Geveltuinen planten op zaterdag", "task", ["tuinieren"], 6, "morning", false)]),
        Entry(
            name: "Kunstroute Oostelijke Eilanden", district: "centrum", area: "centrum-oost", domains: ["kunst-cultuur", "evenementen"],
            summary: "Buren openen hun atelier voor een weekend vol kunst.", organiser: 9,
            actions: [("Route-gids tijdens het kunstweekend", "task", ["presenteren"], 16, "afternoon", false)]),
        Entry(
            name: "Buurtwacht Wallen", district: "centrum", area: "centrum-oost", domains: ["veiligheid", "handhaving"],
            summary: "Buren lopen samen een avondronde en houden contact met de wijkagent.", organiser: 3,
            actions: [("Avondronde op vrijdag", "shift", ["buren aanspreken", "EHBO"], 5, "evening", false)]),
        Entry(
            name: "Voedselbank-uitgifte Bos en Lommer", district: "west", area: "bos-en-lommer", domains: ["armoede", "gezondheid-zorg"],
            summary: "Elke zaterdag voedselpakketten voor buren die het krap hebben.", organiser: 0, underFlag: true,
            actions: [
                ("Pakketten inpakken op vrijdag", "shift", ["sjouwen", "logistiek"], 5, "afternoon", false),
                ("Chauffeur voor de ophaalronde", "shift", ["rijbewijs B"], 6, "morning", false),
            ]),
        Entry(
            name: "Repair Café De Baarsjes", district: "west", area: "oud-west-de-baarsjes", domains: ["duurzaamheid", "sociale-cohesie"],
            summary: "Samen repareren in plaats van weggooien: fietsen, kleding, lampen.", organiser: 1,
            actions: [
                ("Fietsenmaker op zaterdag", "shift", ["fietsen repareren"], 6, "afternoon", false),
                ("Naaimachine-hulp", "task", ["naaien"], 13, "afternoon", false),
            ]),
        Entry(
            name: "Moestuin Westerpark", district: "west", area: "westerpark", domains: ["groen", "duurzaamheid"],
            summary: "Een gedeelde moestuin waar buren samen groente kweken.", organiser: 2,
            actions: [
                ("Oogstdag", "task", ["tuinieren"], 10, "morning", false), ("Composthoop bijhouden", "role", ["composteren"], 0, "", false),
            ]),
        Entry(
            name: "Wijkkrant West", district: "west", area: nil, domains: ["communicatie-marketing", "participatie"],
            summary: "Een krant door buurtbewoners over wat er in West gebeurt.", organiser: 8,
            actions: [
                ("Schrijver voor het volgende nummer", "role", ["schrijven"], 0, "", true),
                ("Bezorgers gezocht", "task", ["wandelen"], 20, "morning", false),
            ]),
        Entry(
            name: "Huiswerkklas Bos en Lommer", district: "west", area: "bos-en-lommer", domains: ["jongeren-educatie"],
            summary: "Kinderen krijgen na school hulp bij rekenen en taal.", organiser: 4, underFlag: true,
            actions: [("Huiswerkbegeleider rekenen", "shift", ["rekenen", "bijles geven"], 1, "afternoon", false)]),
        Entry(
            name: "Buurtkeuken Slotervaart", district: "nieuw-west", area: "slotervaart", domains: ["armoede", "sociale-cohesie"],
            summary: "Samen koken en eten voor een klein bedrag.", organiser: 3,
            actions: [("Kok voor de vrijdagmaaltijd", "shift", ["koken", "koken halal"], 5, "evening", false)]),
        Entry(
            name: "Vrouwenwerkplaats Geuzenveld", district: "nieuw-west", area: "geuzenveld-slotermeer",
            domains: ["werkgelegenheid", "participatie"],
            summary: "Vrouwen helpen elkaar naar werk: cv, sollicitatie, netwerk.", organiser: 6, underFlag: true,
            actions: [("Cv-hulp op maandag", "shift", ["cv schrijven", "coachen"], 1, "morning", false)]),
        Entry(
            name: "Sportplein Osdorp", district: "nieuw-west", area: "osdorp", domains: ["sport-beweging", "jongeren-educatie"],
            summary: "Laagdrempelig sporten op het plein, voor elke leeftijd.", organiser: 9,
            actions: [("Trainer voetbal voor kinderen", "shift", ["voetbaltraining"], 3, "afternoon", false)]),
        Entry(
            name: "Digicafé Nieuw-Sloten", district: "nieuw-west", area: "de-aker-sloten-nieuw-sloten",
            domains: ["participatie", "communicatie-marketing"],
            summary: "Hulp met de telefoon, de computer en DigiD, zonder haast.", organiser: 5,
            actions: [("Digihulp op de inloop", "shift", ["computerhulp", "uitleggen"], 2, "morning", false)]),
        Entry(
            name: "Ondernemersloket Sloterdijk", district: "nieuw-west", area: "sloterdijk-nieuw-west",
            domains: ["economie", "werkgelegenheid"],
            summary: "Startende buurtondernemers krijgen advies van ervaren buren.", organiser: 7,
            actions: [("Boekhoudspreekuur", "task", ["boekhouden"], 8, "evening", false)]),
        Entry(
            name: "Speeltuin De Aker", district: "nieuw-west", area: "de-aker-sloten-nieuw-sloten",
            domains: ["recreatie", "jongeren-educatie"],
            summary: "De speeltuin open, schoon en veilig houden.", organiser: 1, status: "pending", actions: []),
        Entry(
            name: "Voedselbank-uitgifte Indische Buurt", district: "oost", area: "indische-buurt-oostelijk-havengebied",
            domains: ["armoede"],
            summary: "Wekelijkse uitgifte van voedselpakketten in de Indische Buurt.", organiser: 0,
            actions: [("Uitgifte op donderdag", "shift", ["klantcontact"], 4, "afternoon", false)]),
        Entry(
            name: "Moestuin Watergraafsmeer", district: "oost", area: "watergraafsmeer", domains: ["groen", "duurzaamheid"],
            summary: "Groente, kruiden en bijen in een oude schooltuin.", organiser: 2,
            actions: [("Wieden en water geven", "shift", ["tuinieren"], 6, "morning", false)]),
        Entry(
            name: "Schuldhulpmaatjes Oost", district: "oost", area: "oud-oost", domains: ["armoede", "participatie"],
            summary: "Maatjes die buren helpen hun post en geldzaken op orde te krijgen.", organiser: 5, underFlag: true,
            actions: [("Thuisadministratie-maatje", "role", ["administratie", "budgetteren"], 0, "", false)]),
        Entry(
            name: "Sportclub IJburg", district: "oost", area: "ijburg-zeeburgereiland", domains: ["sport-beweging", "gezondheid-zorg"],
            summary: "Samen bewegen aan het water, voor jong en oud.", organiser: 8,
            actions: [("Materiaal klaarzetten op zondag", "shift", ["organiseren"], 7, "morning", false)]),
        Entry(
            name: "Buurtfeest Dapperbuurt", district: "oost", area: "oud-oost", domains: ["evenementen", "sociale-cohesie"],
            summary: "Eén keer per jaar een groot straatfeest door en voor de buurt.", organiser: 9,
            actions: [("Opbouwploeg voor het straatfeest", "task", ["sjouwen"], 24, "morning", false)]),
        Entry(
            name: "Kledingbank Oost", district: "oost", area: "indische-buurt-oostelijk-havengebied", domains: ["armoede", "duurzaamheid"],
            summary: "Goede tweedehands kleding gratis voor wie het nodig heeft.", organiser: 4,
            actions: [("Kleding sorteren", "shift", ["sorteren"], 3, "morning", false)]),
        Entry(
            name: "Buurthuis Vogelbuurt", district: "noord", area: "oud-noord", domains: ["sociale-cohesie", "recreatie"],
            summary: "Het buurthuis van de Vogelbuurt: koffie, spelletjes, activiteiten.", organiser: 0, underFlag: true,
            actions: [
                ("Activiteitenkalender maken", "role", ["organiseren"], 0, "", false),
                ("Bingo-avond begeleiden", "task", ["presenteren"], 5, "evening", false),
            ]),
        Entry(
            name: "Repair Café Noord", district: "noord", area: "noord-west", domains: ["duurzaamheid"],
            summary: "Elke maand repareren we samen wat kapot is.", organiser: 6,
            actions: [("Elektrische apparaten repareren", "task", ["solderen"], 11, "afternoon", false)]),
        Entry(
            name: "Klusteam Noord-Oost", district: "noord", area: "noord-oost", domains: ["beheer", "sociale-cohesie"],
            summary: "Kleine klussen in huis voor buren die het zelf niet kunnen.", organiser: 7,
            actions: [("Klusser voor een oudere buur", "task", ["klussen"], 3, "morning", false)]),
        Entry(
            name: "Groene straat Tuindorp", district: "noord", area: "oud-noord", domains: ["groen", "gebiedsontwikkeling"],
            summary: "Van stenen naar planten in de straten van het tuindorp.", organiser: 3,
            actions: [("Geveltuin planten", "task", ["tuinieren", "plantenkennis"], 8, "morning", false)]),
        Entry(
            name: "Telefooncirkel Centrum", district: "centrum", area: "centrum-west", domains: ["gezondheid-zorg", "sociale-cohesie"],
            summary: "Elke ochtend belt een buur een buur die alleen woont.", organiser: 4,
            actions: [("Bellen op maandagochtend", "shift", ["luisteren", "ouderenzorg"], 1, "morning", false)]),
        Entry(
            name: "Buurtbeheer Banne", district: "noord", area: "noord-oost", domains: ["beheer", "handhaving"],
            summary: "Zwerfafval prikken en samen de buurt schoon houden.", organiser: 1,
            actions: [("Prikploeg op zaterdag", "shift", ["opruimen"], 6, "morning", false)]),
        Entry(
            name: "Buurtkeuken Bijlmer", district: "zuidoost", area: "bijlmer-centrum", domains: ["armoede", "sociale-cohesie"],
            summary: "Surinaams, Ghanees, Hollands: elke week koken we voor de buurt.", organiser: 0, underFlag: true,
            actions: [("Kok voor de woensdagmaaltijd", "shift", ["koken"], 3, "evening", false)]),
        Entry(
            name: "Huiswerkklas Gaasperdam", district: "zuidoost", area: "gaasperdam", domains: ["jongeren-educatie"],
            summary: "Hulp bij huiswerk en voorlezen voor kinderen uit de buurt.", organiser: 2,
            actions: [("Voorlezen op woensdagmiddag", "shift", ["voorlezen"], 3, "afternoon", false)]),
        Entry(
            name: "Kunstatelier Bijlmer-Oost", district: "zuidoost", area: "bijlmer-oost", domains: ["kunst-cultuur"],
            summary: "Een open atelier waar buren samen schilderen en maken.", organiser: 5,
            actions: [("Workshop schilderen", "task", ["schilderen"], 7, "afternoon", false)]),
        Entry(
            name: "Werkplaats Zuidoost", district: "zuidoost", area: "bijlmer-west", domains: ["werkgelegenheid", "economie"],
            summary: "Buren helpen elkaar aan werk en een eigen zaak.", organiser: 6,
            actions: [("Sollicitatietraining geven", "task", ["coachen"], 14, "morning", false)]),
        Entry(
            name: "Wandelvoetbal Gaasperdam", district: "zuidoost", area: "gaasperdam", domains: ["sport-beweging", "gezondheid-zorg"],
            summary: "Voetbal voor ouderen, in wandeltempo.", organiser: 9,
            actions: [("Wandelvoetbal begeleiden", "shift", ["sport begeleiden"], 2, "morning", false)]),
        Entry(
            name: "Buurthuis Weesp", district: "weesp", area: "weesp-driemond", domains: ["sociale-cohesie", "recreatie"],
            summary: "Een huiskamer voor Weesp, met koffie en activiteiten.", organiser: 4,
            actions: [("Koffie schenken op de inloop", "shift", ["koffie zetten"], 4, "morning", false)]),
        Entry(
            name: "Moestuin Driemond", district: "weesp", area: "weesp-driemond", domains: ["groen"],
            summary: "Samen tuinieren aan de rand van het dorp.", organiser: 8,
            actions: [("Oogstdag in Driemond", "task", ["tuinieren"], 17, "morning", false)]),
        Entry(
            name: "Digicafé Weesp", district: "weesp", area: "weesp-driemond", domains: ["participatie"],
            summary: "Hulp met DigiD en formulieren in de bibliotheek.", organiser: 7, status: "pending", actions: []),
        Entry(
            name: "Vertaalpool Mokum", district: "", area: nil, domains: ["communicatie-marketing", "participatie"],
            summary: "Vrijwillige vertalers maken de oproepen van initiatieven leesbaar voor iedereen.", organiser: 0, underFlag: true,
            actions: [
                ("Vertalen naar het Turks", "role", ["vertalen", "Turks"], 0, "", true),
                ("Vertalen naar het Engels", "role", ["vertalen", "Engels"], 0, "", true),
            ]),
        Entry(
            name: "Schuldhulp Online", district: "", area: nil, domains: ["armoede"],
            summary: "Een online spreekuur voor vragen over rekeningen en schulden.", organiser: 1,
            actions: [("Online spreekuur op dinsdagavond", "shift", ["budgetteren", "formulieren invullen"], 2, "evening", true)]),
    ]
}
