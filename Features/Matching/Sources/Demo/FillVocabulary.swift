import Foundation
import Initiatives

/// The words `kracht initiatives fill` makes its data from: kinds of initiative with their domains,
/// actions and skills; skills; names. Invented, no real people.
enum FillVocabulary {
    struct Kind {
        var name: String
        var domains: [String]
        var summary: String
        var actions: [String]
        var skills: [String]
    }

    static let kinds: [Kind] = [
        Kind(
            name: "Buurthuis", domains: ["sociale-cohesie", "participatie"],
            summary: "Een open huiskamer voor de buurt, met koffie, activiteiten en een luisterend oor.",
            actions: ["Gastvrouw of gastheer", "Koffie schenken op de inloop", "Activiteitenkalender maken"],
            skills: ["gastvrijheid", "koffie zetten", "organiseren"]),
        Kind(
            name: "Voedselbank-uitgifte", domains: ["armoede", "gezondheid-zorg"],
            summary: "Wekelijks voedselpakketten uitdelen aan buren die het krap hebben.",
            actions: ["Pakketten inpakken", "Uitgifte op zaterdag", "Chauffeur voor de ophaalronde"],
            skills: ["sjouwen", "rijbewijs B", "logistiek"]),
        Kind(
            name: "Taalcafé", domains: ["participatie", "jongeren-educatie"],
            summary: "Samen Nederlands oefenen in een ontspannen gesprek aan tafel.",
            actions: ["Taalmaatje aan tafel", "Gespreksleider", "Flyers vertalen"],
            skills: ["Nederlands lesgeven", "luisteren", "vertalen"]),
        Kind(
            name: "Moestuin", domains: ["groen", "duurzaamheid"],
            summary: "Een gedeelde moestuin waar buren samen groente kweken en oogsten.",
            actions: ["Wieden en water geven", "Oogstdag", "Composthoop bijhouden"], skills: ["tuinieren", "timmeren", "composteren"]),
        Kind(
            name: "Huiswerkklas", domains: ["jongeren-educatie", "participatie"],
            summary: "Kinderen uit de buurt krijgen na school hulp bij hun huiswerk.",
            actions: ["Huiswerkbegeleider rekenen", "Huiswerkbegeleider taal", "Voorlezen"],
            skills: ["rekenen", "bijles geven", "voorlezen"]),
        Kind(
            name: "Repair Café", domains: ["duurzaamheid", "sociale-cohesie"],
            summary: "Samen kapotte spullen repareren in plaats van weggooien.",
            actions: ["Fietsenmaker", "Naaimachine-hulp", "Elektrische apparaten repareren"],
            skills: ["fietsen repareren", "naaien", "solderen"]),
        Kind(
            name: "Buurtzorg-kring", domains: ["gezondheid-zorg", "sociale-cohesie"],
            summary: "Buren die op elkaar letten: boodschappen, een praatje, een wandeling.",
            actions: ["Boodschappen doen voor een buur", "Wandelmaatje", "Telefooncirkel bellen"],
            skills: ["luisteren", "ouderenzorg", "boodschappen"]),
        Kind(
            name: "Sportclub", domains: ["sport-beweging", "gezondheid-zorg"],
            summary: "Laagdrempelig samen bewegen op het plein, voor elke leeftijd.",
            actions: ["Trainer voetbal", "Wandelvoetbal begeleiden", "Materiaal klaarzetten"],
            skills: ["sport begeleiden", "EHBO", "voetbaltraining"]),
        Kind(
            name: "Kunstatelier", domains: ["kunst-cultuur", "sociale-cohesie"],
            summary: "Een open atelier waar buren samen schilderen, tekenen en maken.",
            actions: ["Workshop schilderen", "Expositie inrichten", "Atelier openen"], skills: ["schilderen", "tekenen", "fotografie"]),
        Kind(
            name: "Buurtkeuken", domains: ["armoede", "sociale-cohesie"],
            summary: "Samen koken en eten voor een klein bedrag, iedereen is welkom.",
            actions: ["Kok voor de buurtmaaltijd", "Afwassen en opruimen", "Boodschappen voor de maaltijd"],
            skills: ["koken", "koken voor groepen", "hygiëne"]),
        Kind(
            name: "Klusteam", domains: ["beheer", "sociale-cohesie"],
            summary: "Kleine klussen in huis voor buren die het zelf niet kunnen.",
            actions: ["Klusser gezocht", "Schilderklus", "Gereedschap beheren"], skills: ["klussen", "schilderen", "timmeren"]),
        Kind(
            name: "Jongerenpodium", domains: ["jongeren-educatie", "kunst-cultuur", "evenementen"],
            summary: "Een podium waar jongeren uit de wijk optreden en leren organiseren.",
            actions: ["Geluidstechnicus", "Presentator", "Promotie op sociale media"],
            skills: ["geluidstechniek", "presenteren", "sociale media"]),
        Kind(
            name: "Schuldhulpmaatjes", domains: ["armoede", "participatie"],
            summary: "Maatjes die buren helpen hun post en geldzaken op orde te krijgen.",
            actions: ["Thuisadministratie-maatje", "Spreekuur formulieren", "Budgetcursus geven"],
            skills: ["administratie", "budgetteren", "formulieren invullen"]),
        Kind(
            name: "Buurtfeest", domains: ["evenementen", "sociale-cohesie"],
            summary: "Eén keer per jaar een groot feest op straat, door en voor de buurt.",
            actions: ["Opbouwploeg", "Kraam bemannen", "Muziekprogramma"], skills: ["organiseren", "sjouwen", "muziek maken"]),
        Kind(
            name: "Werkplaats", domains: ["werkgelegenheid", "economie"],
            summary: "Buren helpen elkaar naar werk: cv, sollicitatie, netwerk.",
            actions: ["Cv-hulp", "Sollicitatietraining", "Netwerkborrel organiseren"], skills: ["cv schrijven", "coachen", "netwerken"]),
        Kind(
            name: "Groene straat", domains: ["groen", "gebiedsontwikkeling"],
            summary: "Geveltuinen en boomspiegels die de straat groener maken.",
            actions: ["Geveltuin planten", "Boomspiegels onderhouden", "Buren werven"],
            skills: ["tuinieren", "plantenkennis", "buren aanspreken"]),
        Kind(
            name: "Buurtwacht", domains: ["veiligheid", "sociale-cohesie"],
            summary: "Buren lopen samen een rondje en houden de buurt prettig en veilig.",
            actions: ["Avondronde", "Buurtapp beheren", "Overleg met de wijkagent"], skills: ["buren aanspreken", "communicatie", "EHBO"]),
        Kind(
            name: "Digicafé", domains: ["participatie", "communicatie-marketing"],
            summary: "Hulp met de telefoon, de computer en DigiD, zonder haast.",
            actions: ["Digihulp op de inloop", "Cursus DigiD", "Tablets klaarzetten"], skills: ["computerhulp", "geduld", "uitleggen"]),
        Kind(
            name: "Wijkkrant", domains: ["communicatie-marketing", "participatie"],
            summary: "Een krant door buurtbewoners, over wat er in de buurt gebeurt.",
            actions: ["Schrijver gezocht", "Fotograaf", "Bezorger"], skills: ["schrijven", "fotografie", "opmaak"]),
        Kind(
            name: "Kledingbank", domains: ["armoede", "duurzaamheid"],
            summary: "Goede tweedehands kleding gratis voor wie het nodig heeft.",
            actions: ["Kleding sorteren", "Winkelhulp", "Ophalen bij donateurs"], skills: ["sorteren", "klantcontact", "rijbewijs B"]),
        Kind(
            name: "Ondernemersloket", domains: ["economie", "werkgelegenheid"],
            summary: "Startende buurtondernemers krijgen advies van ervaren buren.",
            actions: ["Adviseur voor starters", "Boekhoudspreekuur", "Marktdag organiseren"],
            skills: ["ondernemen", "boekhouden", "marketing"]),
        Kind(
            name: "Speeltuinvereniging", domains: ["recreatie", "jongeren-educatie"],
            summary: "De speeltuin open, schoon en veilig houden voor alle kinderen.",
            actions: ["Speeltuin openen", "Spelletjesmiddag", "Onderhoudsploeg"], skills: ["kinderen begeleiden", "klussen", "EHBO"]),
        Kind(
            name: "Bewonerscommissie", domains: ["vastgoed", "participatie", "vergunningen"],
            summary: "Huurders die samen opkomen voor goed onderhoud en eerlijke huur.",
            actions: ["Notulist", "Huurspreekuur", "Enquête afnemen"], skills: ["notuleren", "huurrecht", "enquêteren"]),
        Kind(
            name: "Buurtbeheer", domains: ["beheer", "handhaving", "groen"],
            summary: "Zwerfafval prikken en de openbare ruimte samen bijhouden.",
            actions: ["Prikploeg zaterdag", "Meldingen bijhouden", "Afvalpunt bemannen"],
            skills: ["opruimen", "communicatie", "organiseren"]),
    ]

    /// More skills beyond the kinds' own, so the list has a few hundred with the variants.
    static let extraSkills = [
        "Arabisch", "Turks", "Pools", "Engels", "Tamazight", "Papiaments", "Sranantongo", "Spaans", "boekhouding", "fondsenwerving",
        "website bouwen", "video maken", "grafisch ontwerp", "juridisch advies", "mediation", "yoga", "dansen", "zingen",
        "gitaar spelen", "koken halal", "vegetarisch koken", "bakken", "fietsles geven", "zwemles", "schaken", "theater",
        "gedichten schrijven", "podcast maken", "drukwerk", "vergaderen", "projectleiding", "subsidie aanvragen",
        "stadslandbouw", "imkeren", "energiecoach", "isoleren", "zonnepanelen", "verkeersregelaar", "catering", "kinderopvang",
        "rouwbegeleiding", "mantelzorg", "gebarentaal", "braille", "rolstoelbegeleiding", "wandelen", "hardlopen", "boksen",
    ]
    static let skillVariants = ["", "voor beginners", "met kinderen", "met ouderen", "in het Engels", "op locatie"]

    static let firstNames = [
        "Fatima", "Daan", "Sanne", "Mehmet", "Priya", "Joris", "Ayaan", "Noa", "Kwame", "Lotte", "Youssef", "Emma", "Bilal",
        "Sophie", "Ricardo", "Julia", "Hamza", "Anna", "Tijn", "Zeynep", "Milan", "Eva", "Omar", "Lisa", "Sem", "Nadia",
        "Lucas", "Iris", "Mohamed", "Fleur", "Finn", "Yasmina", "Bram", "Amira", "Jesse", "Roos", "Karim", "Maud", "Levi", "Sara",
    ]
    static let lastNames = [
        "de Jong", "Jansen", "Bakker", "Visser", "El Idrissi", "Yilmaz", "Kaya", "Mensah", "Ramdin", "Kowalski", "Smit", "Meijer",
        "de Boer", "Mulder", "Bouzid", "Nowak", "Doğan", "Cohen", "Martens", "Pinas", "Ouali", "Vos", "Peters", "Hendriks",
    ]
    static let agendas = [
        "ruimte-maatschappelijk-initiatief", "kunstenplan", "agenda-groen", "aanvalsplan-armoede", "participatiewet",
        "bewegende-stad", "age-friendly-city", "koers-2025",
    ]
    /// Mostly Dutch; some actions and residents also speak another of the city's languages.
    static let languageMixes = ["nl", "nl", "nl", "nl", "en,nl", "ar,nl", "nl,tr", "nl,pl", "en", "ar", "nl,pap", "nl,srn"]

    /// Every skill name of the fill, `count` of them (a few hundred), each unique.
    static func skillNames(count: Int) -> [String] {
        var base: [String] = []
        for name in kinds.flatMap(\.skills) + extraSkills where !base.contains(name) { base.append(name) }
        var names: [String] = []
        for variant in skillVariants {
            for name in base where names.count < count { names.append(variant.isEmpty ? name : "\(name) \(variant)") }
        }
        return names
    }
}

/// A seeded random generator, so two fills with the same numbers make the same data.
struct FillRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }
}
