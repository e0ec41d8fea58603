import Foundation

/// The demo's words: the plan's launch, benefit evening and action day (`000_…txt`), and the
/// monthly neighbourhood meetup of the calls to action (`002_…txt`: an hour of dialogue on one
/// theme, then drinks, weekday evenings from 19:30). Venues are invented.
enum EventsDemoData {
    static let launchTitle = "Lancering De Kracht van Mokum"
    static let launchDescription = """
        De grote aftrap van de beweging: een middag over solidariteit in Amsterdam. Met twee panels \
        ("Wie valt er tussen wal en schip?" en "Wat kunnen buren samen?"), sprekers uit de buurten, \
        het manifest om te ondertekenen en de start van het Solidariteitsfonds. \
        Sprekers: Fatima El Amrani (buurtkeuken De Pijp), Kwame Mensah (huurdersvereniging Zuidoost) \
        en Youssef Benali (coördinator). Daarna soep en muziek in de foyer.
        """
    static let benefitTitle = "Benefietavond Solidariteitsfonds"
    static let benefitDescription = """
        Een avond met muziek, verhalen en soep. Alles wat we ophalen gaat naar het Solidariteitsfonds: \
        tijdelijke en acute hulp voor Amsterdammers die nergens anders terecht kunnen (onderdak, eten, \
        medische zorg). Je komt gratis binnen; geven mag, aan de deur of hier online.
        """
    static let actionDayTitle = "Actiedag Samen voor de buurt"
    static let actionDayDescription = """
        Een dag vol acties van vrijwilligersinitiatieven: samen koken, opruimen, klussen bij buren \
        en kennismaken met initiatieven die handen zoeken. Kom een uur of de hele dag; we delen je in \
        bij een actie die bij je past.
        """
    static let houseRules = "We luisteren naar elkaar, laten elkaar uitpraten en discrimineren niet."

    static func meetupTitle(_ district: String) -> String { "Buurtgesprek \(district)" }
    static func meetupDescription(_ district: String, theme: String) -> String {
        """
        Elke maand praten bewoners van \(district) een uur met elkaar over één thema, met een \
        gespreksleider; daarna is er een borrel. Dit seizoen: \(theme). Kom naar allebei of naar één \
        van de twee. Ambtenaren en raadsleden zijn ook welkom.
        """
    }

    /// One per district, in the order of `app.reference.districts`.
    static let themes = [
        "betaalbaar wonen in de buurt", "eenzaamheid en ontmoeting", "armoede en vaste lasten", "jongeren en de straat",
        "zorg dichtbij huis", "veiligheid en vertrouwen", "groen en klimaat in de wijk", "meepraten met de gemeente",
    ]
    /// A venue and an address per district, in the same order.
    static let venues: [(name: String, address: String)] = [
        ("Buurtkamer Nieuwmarkt", "Nieuwmarkt 20, 1012 CR Amsterdam"),
        ("Buurthuis De Baarsjes", "Hoofdweg 100, 1057 DB Amsterdam"),
        ("Wijkcentrum Slotermeer", "Burgemeester Röellstraat 50, 1064 BM Amsterdam"),
        ("Huiskamer De Pijp", "Sarphatipark 30, 1073 CZ Amsterdam"),
        ("Buurtcentrum Dapper", "Dapperstraat 12, 1093 BS Amsterdam"),
        ("Buurthuis De Meeuw", "Meeuwenlaan 1, 1021 HS Amsterdam"),
        ("Wijkcentrum Bijlmerplein", "Bijlmerplein 10, 1102 DB Amsterdam"),
        ("Ontmoetingshuis Weesp", "Nieuwstad 5, 1381 CA Weesp"),
    ]
    /// The meetup's rule per district: (ordinal, ISO weekday), a different evening for each.
    static let meetupDays: [(ordinal: Int, weekday: Int)] = [(1, 2), (2, 3), (3, 4), (2, 1), (4, 2), (4, 3), (1, 4), (3, 2)]

    static let firstNames = [
        "Anna", "Mohamed", "Sophie", "Hamza", "Julia", "Bilal", "Eva", "Emre", "Lisa", "Rachid", "Iris", "Tim", "Nadia", "Bas",
        "Zeynep", "Ruben", "Amina", "Thijs", "Shanti", "Koen", "Ebru", "Marloes", "Kofi", "Hanna", "Omar", "Femke", "Jesse",
    ]
    static let lastNames = [
        "de Jong", "Bouzid", "Vermeulen", "Kaya", "Mulder", "Boateng", "de Graaf", "Amrani", "Peters", "Çelik", "Dekker",
        "Baldewsingh", "Hendriks", "Ait Taleb", "van Leeuwen", "Kowalski",
    ]
    static let dietary = ["vegetarisch", "halal", "geen noten", "veganistisch", "glutenvrij"]
    static let accessibility = ["ik kom met een rolstoel", "ringleiding graag", "ik neem een hulphond mee"]

    /// A made-up person for the n-th anonymous registration: 27 first and 16 last names share no
    /// factor, so 432 people in a row all have a different name.
    static func name(_ n: Int) -> String { "\(firstNames[n % firstNames.count]) \(lastNames[n % lastNames.count])" }
}
