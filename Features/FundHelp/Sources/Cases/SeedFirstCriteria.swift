import Fluent
import Foundation
import KrachtCore

/// The criteria the fund starts with (the policy plan, `../shared/seeds/000_*`: "tijdelijke en
/// acute hulp", "geen toegang tot bestaande voorzieningen", for Amsterdammers): version 1, valid
/// from 1 January 2025. The limits are the committee's first choice; it publishes new versions
/// from `/beheer/fonds/criteria`. The texts are data, not catalogue keys: a published version
/// must keep saying what it said, in every fund language.
struct SeedFirstCriteria: AsyncMigration {
    static let criteria: [CriteriaVersion.Criterion] = [
        .init(
            key: "acute",
            title: [
                "nl": "Tijdelijke en acute nood", "en": "Temporary and acute need", "ar": "حاجة مؤقتة وعاجلة",
                "tr": "Geçici ve acil ihtiyaç", "pl": "Tymczasowa i pilna potrzeba",
            ],
            explanation: [
                "nl": "Je hebt nu hulp nodig, voor een korte tijd. Bijvoorbeeld voor een dak boven je hoofd, eten of medische zorg.",
                "en": "You need help now, for a short time. For example a roof over your head, food or medical care.",
                "ar": "تحتاج إلى المساعدة الآن، لفترة قصيرة. مثلًا مكان تسكن فيه، أو طعام، أو رعاية طبية.",
                "tr": "Şimdi, kısa bir süre için yardıma ihtiyacın var. Örneğin kalacak bir yer, yiyecek veya tıbbi bakım için.",
                "pl": "Potrzebujesz pomocy teraz, na krótki czas. Na przykład dachu nad głową, jedzenia albo opieki medycznej.",
            ]),
        .init(
            key: "no_provision",
            title: [
                "nl": "Geen andere voorziening", "en": "No other provision", "ar": "لا توجد جهة أخرى تساعدك",
                "tr": "Başka bir destek yok", "pl": "Brak innej pomocy",
            ],
            explanation: [
                "nl": "Er is geen andere regeling of organisatie die je nu helpt, zoals de gemeente of een uitkering.",
                "en": "No other scheme or organisation helps you now, such as the municipality or a benefit.",
                "ar": "لا يوجد نظام أو منظمة أخرى تساعدك الآن، مثل البلدية أو إعانة اجتماعية.",
                "tr": "Belediye veya bir sosyal yardım gibi, şu anda sana yardım eden başka bir düzenleme ya da kurum yok.",
                "pl": "Żaden inny program ani organizacja, na przykład gmina czy zasiłek, nie pomaga ci teraz.",
            ]),
        .init(
            key: "amsterdam",
            title: [
                "nl": "Je woont in Amsterdam", "en": "You live in Amsterdam", "ar": "تسكن في أمستردام",
                "tr": "Amsterdam'da yaşıyorsun", "pl": "Mieszkasz w Amsterdamie",
            ],
            explanation: [
                "nl": "Je woont of verblijft in Amsterdam. Een papier of inschrijving is daarvoor niet nodig.",
                "en": "You live or stay in Amsterdam. You do not need papers or a registration for this.",
                "ar": "تسكن أو تقيم في أمستردام. لا تحتاج إلى أوراق أو تسجيل لذلك.",
                "tr": "Amsterdam'da yaşıyor veya kalıyorsun. Bunun için belge veya kayıt gerekmez.",
                "pl": "Mieszkasz lub przebywasz w Amsterdamie. Nie potrzebujesz do tego dokumentów ani meldunku.",
            ]),
        .init(
            key: "limits",
            title: [
                "nl": "Binnen de grenzen", "en": "Within the limits", "ar": "ضمن الحدود", "tr": "Sınırlar içinde",
                "pl": "W ramach limitów",
            ],
            explanation: [
                "nl":
                    "Het fonds geeft één persoon samen niet meer dan het bedrag per jaar dat hierboven staat, en per maand niet meer dan het budget.",
                "en":
                    "The fund gives one person together no more than the amount per year shown above, and no more than its budget per month.",
                "ar": "لا يعطي الصندوق الشخص الواحد أكثر من المبلغ السنوي المذكور أعلاه، ولا يصرف في الشهر أكثر من ميزانيته.",
                "tr": "Fon bir kişiye toplamda yılda yukarıda yazan tutardan fazlasını vermez, ayda da bütçesinden fazlasını harcamaz.",
                "pl":
                    "Fundusz daje jednej osobie łącznie nie więcej niż podana wyżej kwota na rok i nie wydaje więcej niż swój budżet na miesiąc.",
            ]),
    ]

    func prepare(on db: any Database) async throws {
        let version = CriteriaVersion()
        version.version = 1
        version.validFrom = AmsterdamTime.parseDay("2025-01-01")!
        version.criteria = Self.criteria
        version.perPersonLimitCents = 50_000
        version.perPersonDays = 365
        version.monthlyBudgetCents = 500_000
        version.responseHours = 72
        version.createdAt = Date()
        try await version.create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await CriteriaVersion.query(on: db).filter(\.$version == 1).delete()
    }
}
