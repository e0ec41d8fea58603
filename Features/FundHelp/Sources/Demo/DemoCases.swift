import Foundation
import KrachtCore

/// The demo's requests for help: made-up Amsterdammers (no real people) with needs the fund
/// meets, each in the applicant's own language, oldest first, and where each case ends up.
enum DemoCases {
    struct Transfer {
        var name, iban, remittance: String
    }

    enum State {
        case received
        /// The committee asked this and waits for the answer.
        case question(String)
        /// Proposed by `fonds@`, waiting for a second member.
        case proposed(amount: String)
        /// Approved, waiting for the treasurer.
        case granted(amount: String)
        /// Paid by transfer (to a creditor) or, without one, in cash.
        case paid(amount: String, Transfer?)
        /// Paid in cash, then erased on the applicant's request.
        case erased(amount: String)
        /// Granted, then ended unpaid: the applicant could no longer be reached.
        case withdrawn(amount: String)
        case declined(criterion: String, note: String)
        case referred(String)
    }

    struct Case {
        var language: Language
        var fields: [String: String]
        var state: State
        var viaReferrer = false
        /// Hours from applying to the committee's step, and on to the next case.
        var hoursToDecision: Double = 0
        var hoursToNext: Double = 12
    }

    static func form(
        _ category: String, _ urgency: String, _ amount: String, _ district: String, name: String, phone: String? = nil,
        email: String? = nil, purpose: String, noProvision: String
    ) -> [String: String] {
        var fields = [
            "category": category, "urgency": urgency, "amount": amount, "district": district, "name": name, "purpose": purpose,
            "no_provision": noProvision,
        ]
        fields["phone"] = phone
        fields["email"] = email
        return fields
    }

    static let all: [Case] = [
        Case(
            language: .nl,
            fields: form(
                "livelihood", "week", "450", "N", name: "Hanneke Dijkstra", phone: "06 1234 5601", email: "hanneke.demo@example.org",
                purpose: "Mijn huurachterstand van twee maanden. De woningcorporatie dreigt met ontruiming.",
                noProvision:
                    "Mijn uitkering is gestopt door een fout bij de overgang naar een nieuwe baan. De gemeente kan pas over zes weken betalen."
            ),
            state: .paid(
                amount: "450",
                Transfer(name: "Woonstichting De Noordkant", iban: "NL91ABNA0417164300", remittance: "Huur 2026 huurnummer 40311")),
            hoursToDecision: 48, hoursToNext: 24),
        Case(
            language: .ar,
            fields: form(
                "food", "today", "80", "F", name: "Rania Haddad", phone: "06 1234 5602",
                purpose: "طعام لي ولطفليّ لهذا الأسبوع.", noProvision: "ليس لدينا إقامة بعد، ولا نستطيع الذهاب إلى بنك الطعام بدون إحالة."),
            state: .paid(amount: "80", nil), hoursToDecision: 30, hoursToNext: 24),
        Case(
            language: .en,
            fields: form(
                "food", "week", "120", "T", name: "Grace Owusu", email: "grace.demo@example.org",
                purpose: "Groceries and baby formula until my first salary arrives.",
                noProvision: "I started work this month; the food bank's waiting list is four weeks."),
            state: .erased(amount: "120"), hoursToDecision: 40, hoursToNext: 12),
        Case(
            language: .pl,
            fields: form(
                "livelihood", "month", "480", "", name: "Piotr Wiśniewski", phone: "+48 600 123 456",
                purpose: "Zaległy rachunek za prąd i gaz za zimę.", noProvision: "Mieszkam w Haarlemie, ale pracuję w Amsterdamie."),
            state: .declined(criterion: "amsterdam", note: "Woont in Haarlem; doorverwezen naar het Haarlemse noodfonds genoemd."),
            hoursToDecision: 50, hoursToNext: 12),
        Case(
            language: .tr,
            fields: form(
                "medical", "week", "350", "E", name: "Ayşe Kaya", phone: "06 1234 5604",
                purpose: "Diş tedavisi: kırık bir diş çok ağrıyor.", noProvision: "Sigortam diş tedavisini ödemiyor."),
            state: .referred("Dokters van de Wereld, spreekuur in Amsterdam-West"), hoursToDecision: 36, hoursToNext: 12),
        Case(
            language: .en,
            fields: form(
                "livelihood", "week", "300", "M", name: "Daniel Mekonnen", email: "daniel.demo@example.org",
                purpose: "The energy company will cut off my electricity over an unpaid bill.",
                noProvision: "My debt counselling starts next month; until then nobody can pay this bill."),
            state: .granted(amount: "300"), hoursToDecision: 40, hoursToNext: 12),
        Case(
            language: .tr,
            fields: form(
                "food", "week", "90", "E", name: "Mehmet Yılmaz", phone: "06 1234 5611",
                purpose: "Bu hafta için yiyecek; maaşım geç yatacak.", noProvision: "Gıda bankasına kaydım henüz yapılmadı."),
            state: .withdrawn(amount: "90"), hoursToDecision: 30, hoursToNext: 12),
        Case(
            language: .nl,
            fields: form(
                "shelter", "today", "500", "A", name: "Marco Jansen", phone: "06 1234 5607",
                purpose: "Een kamer voor drie weken. Ik slaap nu bij vrienden op de bank en moet daar weg.",
                noProvision: "De nachtopvang is vol en ik sta nog niet ingeschreven in Amsterdam."),
            state: .proposed(amount: "500"), hoursToDecision: 20, hoursToNext: 6),
        Case(
            language: .ar,
            fields: form(
                "medical", "week", "150", "N", name: "Omar Al-Sayed", phone: "06 1234 5608",
                purpose: "نظارات طبية جديدة، لم أعد أرى جيداً في العمل.", noProvision: "ليس لدي تأمين صحي إضافي."),
            state: .question("Heb je een offerte van de opticien? Stuur gerust een foto."), hoursToDecision: 10, hoursToNext: 6),
        Case(
            language: .nl,
            fields: form(
                "food", "today", "60", "N", name: "Fenna de Graaf",
                purpose: "Boodschappen voor deze week voor een moeder met twee kinderen.",
                noProvision: "De voedselbank kan haar pas over twee weken inschrijven."),
            state: .received, viaReferrer: true, hoursToDecision: 0, hoursToNext: 6),
        Case(
            language: .pl,
            fields: form(
                "shelter", "week", "400", "K", name: "Katarzyna Nowak", phone: "06 1234 5610",
                purpose: "Kaucja za pokój, żebym mogła wyprowadzić się ze schroniska.",
                noProvision: "Gmina nie płaci kaucji, a w banku nie dostanę kredytu."),
            state: .received, hoursToDecision: 0, hoursToNext: 4),
        Case(
            language: .tr,
            fields: form(
                "livelihood", "month", "250", "T", name: "Emre Demir", email: "emre.demo@example.org",
                purpose: "Okul gezisi ve kitaplar için para; çocuklarım dışarıda kalmasın.",
                noProvision: "Belediyenin okul masrafları fonu bu yıl için kapandı."),
            state: .received, hoursToDecision: 0, hoursToNext: 2),
    ]
}
