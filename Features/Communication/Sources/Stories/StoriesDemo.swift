import Fluent
import Foundation
import KrachtCore
import Vapor

/// Four stories in the spirit of the seed documents, in Amsterdam's districts, each with a
/// photo drawn here (a colour gradient) and the consent of the people in it; the last one's
/// consent was withdrawn, so it is offline and the coordinator sees why.
enum StoriesDemo {
    struct Sample {
        var title, summary, body, district, domain, campaign, person: String
        var colour: (UInt8, UInt8, UInt8)
        var withdrawn: Bool
    }

    static let samples: [Sample] = [
        Sample(
            title: "Het buurtfonds gaf de moestuin in Nieuw-West een tweede leven",
            summary: "Fatima en haar buren kregen 1.200 euro voor zaden, bakken en gereedschap. Nu eten dertig gezinnen mee.",
            body: """
                Toen de gemeente de braakliggende hoek bij de Sloterplas liet liggen, zagen Fatima en haar buren een kans.

                ## Van aanvraag tot oogst
                Met een aanvraag bij het buurtfonds van **De Kracht van Mokum** kwamen er bakken, zaden en gereedschap. \
                Elke zaterdag werken er nu vijftien bewoners mee.

                > "Je leert je buren pas kennen als je samen in de modder staat."
                """,
            district: "nieuw-west", domain: "groen", campaign: "verhalen-mokum", person: "Fatima El Amrani",
            colour: (60, 140, 70), withdrawn: false),
        Sample(
            title: "Huiswerkhulp in de Indische Buurt: elke dinsdag vol",
            summary: "Studenten en gepensioneerde leraren helpen kinderen uit Oost met hun huiswerk, in de bibliotheek om de hoek.",
            body: """
                Wat begon met drie vrijwilligers is nu een vaste avond met twintig kinderen.

                Daan, oud-leraar wiskunde: "Ze hoeven het niet alleen te doen. Dat is het hele geheim."
                """,
            district: "oost", domain: "jongeren-educatie", campaign: "verhalen-mokum", person: "Daan de Vries",
            colour: (40, 90, 160), withdrawn: false),
        Sample(
            title: "Een buurtkeuken in de Pijp tegen eenzaamheid",
            summary: "Elke vrijdag koken buurtbewoners samen en eten ze aan één lange tafel. Iedereen is welkom.",
            body: """
                Priya zag hoeveel ouderen in haar straat alleen aten. Nu staat er elke vrijdag een pan soep voor veertig mensen.

                - Koken vanaf 16.00 uur
                - Eten om 18.00 uur
                - Betalen wat je kunt
                """,
            district: "zuid", domain: "sociale-cohesie", campaign: "samen-aan-tafel", person: "Priya Ramdin",
            colour: (190, 90, 40), withdrawn: false),
        Sample(
            title: "Sportveld in Noord weer open voor de buurt",
            summary: "Na een handtekeningenactie gaat het hek van het sportveld 's avonds weer open.",
            body: "Mehmet verzamelde met zijn voetbalteam 600 handtekeningen. Het stadsdeel luisterde.",
            district: "noord", domain: "sport-beweging", campaign: "verhalen-mokum", person: "Mehmet Yilmaz",
            colour: (150, 40, 120), withdrawn: true),
    ]

    static func seed(app: Application, people: DemoPeople) async throws {
        let coordinator = people.coordinator
        let domains = Set(app.reference.domains.map(\.slug))
        let districts = Set(app.reference.districts.map(\.slug))
        for (index, sample) in samples.enumerated() {
            let input = SaveStory.Input(
                title: sample.title, summary: sample.summary, body: sample.body,
                domain: domains.contains(sample.domain) ? sample.domain : nil,
                district: districts.contains(sample.district) ? sample.district : nil, campaign: sample.campaign, alt: nil)
            guard case .saved(let id) = try await SaveStory(app: app).run(by: coordinator, id: nil, input, language: .nl) else { continue }
            _ = try await SetStoryPhoto(app: app).run(
                by: coordinator, id: id, data: gradientPNG(width: 640, height: 360, colour: sample.colour),
                alt: "Illustratie in kleur bij het verhaal: \(sample.title)")
            let given = AmsterdamTime.addingDays(-30 + index * 5, to: AmsterdamTime.day(app.clock.now()))
            _ = try await RecordStoryConsent(app: app).run(
                by: coordinator, storyID: id,
                .init(person: sample.person, uses: index % 2 == 0 ? ["web", "social", "newsletter"] : ["web", "print"], givenOn: given),
                language: .nl)
            _ = try await PublishStory(app: app).run(by: coordinator, id: id, publish: true)
            if sample.withdrawn, let consent = try await StoryConsent.query(on: app.db).filter(\.$story.$id == id).first() {
                _ = try await WithdrawStoryConsent(app: app).run(by: coordinator, storyID: id, consentID: try consent.requireID())
            }
        }
    }

    /// A PNG of a diagonal gradient from `colour` to white (Core's `PNGEncoding`: stored deflate blocks).
    static func gradientPNG(width: Int, height: Int, colour: (UInt8, UInt8, UInt8)) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                let mix = Double(x + y) / Double(width + height)
                func channel(_ c: UInt8) -> UInt8 { UInt8(Double(c) + (255 - Double(c)) * mix * 0.8) }
                raw += [channel(colour.0), channel(colour.1), channel(colour.2)]
            }
        }
        var png = Data(PNGEncoding.signature)
        png += PNGEncoding.chunk("IHDR", PNGEncoding.bigEndian(UInt32(width)) + PNGEncoding.bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        png += PNGEncoding.chunk("IDAT", PNGEncoding.zlibStored(raw))
        png += PNGEncoding.chunk("IEND", [])
        return png
    }
}
